using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Demo;

/// <summary>The result of Kontrollera: done or not, and what is right or missing, in Swedish.</summary>
public sealed record ExerciseCheck(bool Done, string Message);

/// <summary>One exercise that walks a trainee through one of the customer's routines.</summary>
public sealed record Exercise(string Id, string Title, string Instructions, Func<BrpDbContext, CancellationToken, Task<ExerciseCheck>> Check);

/// <summary>
/// The trainers' exercises (Övningar) on the demo data. Each check reads the sandbox and says what is right or
/// missing, so it fails before the exercise is done and passes after.
/// </summary>
public static class DemoExercises
{
    /// <summary>The sample file offered for download in the import exercise (Windows-1252, as Excel writes it).</summary>
    public const string ImportFileName = "anstallda.csv";

    public static IReadOnlyList<Exercise> All { get; } =
    [
        new(
            "utnyttja-asa",
            "Utnyttja förbeställningen för Åsa Öberg",
            "Sök fram Åsa Öberg, välj Utnyttja avtal/förbeställning i menyn uppe till höger och utnyttja förbeställningen från Mälardalens Bygg AB. Hon finns på två organisationers listor – välj rätt.",
            async (db, ct) =>
            {
                var asa = await db.People.Where(p => p.FirstName == "Åsa" && p.LastName == "Öberg").Select(p => p.Id).FirstAsync(ct);
                var bygg = await OrganisationIdAsync(db, "Mälardalens Bygg AB", ct);
                var preOrder = await db.PreOrders.Where(p => p.OrganisationId == bygg && p.Name == "Åsa Öberg").FirstAsync(ct);
                if (preOrder.Status != PreOrderStatus.Redeemed)
                {
                    var wrong = await db.Subscriptions.AnyAsync(s => s.PersonId == asa && s.OrganisationId != bygg && s.OrganisationId != null, ct);
                    return new(false, wrong
                        ? "Åsa fick ett abonnemang, men genom fel organisation. Det var Mälardalens Bygg AB:s förbeställning som skulle utnyttjas."
                        : "Förbeställningen från Mälardalens Bygg AB är inte utnyttjad än.");
                }

                return new(true, "Rätt! Åsa har ett abonnemang genom Mälardalens Bygg AB och förbeställningen är utnyttjad.");
            }),
        new(
            "forlang-per",
            "Förläng Per Bergs frysning till 30 juni",
            "Per Berg har en pågående frysning som slutar 14 juni. Förläng den till och med 30 juni (Förlänga pågående frysning i abonnemangets meny). Titta på förhandsvisningen innan du bekräftar: vad händer med bundet t.o.m.?",
            async (db, ct) =>
            {
                var per = await db.People.Where(p => p.FirstName == "Per" && p.LastName == "Berg").Select(p => p.Id).FirstAsync(ct);
                var freeze = await db.Freezes.Where(f => !f.IsRemoved && db.Subscriptions.Any(s => s.Id == f.SubscriptionId && s.PersonId == per))
                    .OrderByDescending(f => f.StartDate).FirstOrDefaultAsync(ct);
                if (freeze is null)
                {
                    return new(false, "Per Berg har ingen frysning längre – den ska förlängas, inte tas bort. Återställ demot och försök igen.");
                }

                return freeze.EndDate == new DateOnly(2026, 6, 30)
                    ? new(true, "Rätt! Frysningen slutar 2026-06-30 och bundet t.o.m. flyttades lika många dagar.")
                    : new(false, $"Frysningen slutar {freeze.EndDate:yyyy-MM-dd}. Den ska sluta 2026-06-30.");
            }),
        new(
            "importera",
            "Importera filen anställda.csv",
            "Ladda ner filen anställda.csv nedan. Öppna Nordisk Logistik AB, välj Importera förbeställningar, produkten Gym 12 mån autogiro och giltighet till och med 31 augusti. Läs förhandsvisningen: en rad är fel. Importera de rader som är rätt.",
            async (db, ct) =>
            {
                var logistik = await OrganisationIdAsync(db, "Nordisk Logistik AB", ct);
                var batch = await db.ImportBatches.Where(b => b.OrganisationId == logistik).OrderByDescending(b => b.Id).FirstOrDefaultAsync(ct);
                if (batch is null)
                {
                    return new(false, "Ingen import har gjorts för Nordisk Logistik AB än.");
                }

                var stored = await db.PreOrders.CountAsync(p => p.ImportBatchId == batch.Id, ct);
                return stored == 7
                    ? new(true, $"Rätt! {stored} förbeställningar importerades och raden med fel kontrollsiffra stoppades.")
                    : new(false, $"Importen lade in {stored} förbeställningar; filen har 7 giltiga rader.");
            }),
        new(
            "ny-organisationskund",
            "Registrera Nils Nyman från förbeställningen",
            "Nils Nyman står i receptionen. Han finns inte i registret, men Nordisk Logistik AB har förbeställt ett gymkort åt honom. Sök på hans personnummer " + Domain.People.Personnummer.FromParts(new DateOnly(1988, 9, 9), 471).Formatted + " och välj Starta från förbeställningen.",
            async (db, ct) =>
            {
                var nils = await db.People.Where(p => p.FirstName == "Nils" && p.LastName == "Nyman").Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
                if (nils is null)
                {
                    return new(false, "Nils Nyman finns inte i registret än.");
                }

                var fromPreOrder = await db.Subscriptions.AnyAsync(s => s.PersonId == nils && s.PreOrderId != null, ct);
                return fromPreOrder
                    ? new(true, "Rätt! Nils är registrerad och har ett abonnemang från förbeställningen.")
                    : new(false, "Nils är registrerad men saknar abonnemang från förbeställningen.");
            }),
        new(
            "sag-upp-karin",
            "Säg upp Karin Lundqvists abonnemang",
            "Karin Lundqvist flyttar till Umeå. Säg upp hennes abonnemang med orsaken Flyttar. Vilket slutdatum blir det, och varför?",
            async (db, ct) =>
            {
                var karin = await db.People.Where(p => p.FirstName == "Karin" && p.LastName == "Lundqvist").Select(p => p.Id).FirstAsync(ct);
                var subscription = await db.Subscriptions.Where(s => s.PersonId == karin).OrderByDescending(s => s.Id).FirstAsync(ct);
                if (subscription.CancelledOn is null)
                {
                    return new(false, "Abonnemanget är inte uppsagt än.");
                }

                return subscription.CancellationReason?.Contains("Flytt", StringComparison.OrdinalIgnoreCase) == true
                    ? new(true, $"Rätt! Uppsagt med slutdatum {subscription.EndDate:yyyy-MM-dd} – bindningstiden går längre än uppsägningstiden.")
                    : new(false, $"Uppsagt, men orsaken är \"{subscription.CancellationReason}\". Den skulle vara Flyttar.");
            }),
        new(
            "ta-bort-erik",
            "Ta bort Erik Holms kommande frysning",
            "Erik Holm ställer in sin sommarresa. Ta bort frysningen i juli. Se i förhandsvisningen att datumen blir som om frysningen aldrig funnits.",
            async (db, ct) =>
            {
                var erik = await db.People.Where(p => p.FirstName == "Erik" && p.LastName == "Holm").Select(p => p.Id).FirstAsync(ct);
                var july = await db.Freezes.Where(f => db.Subscriptions.Any(s => s.Id == f.SubscriptionId && s.PersonId == erik) && f.StartDate == new DateOnly(2026, 7, 1)).FirstAsync(ct);
                return july.IsRemoved
                    ? new(true, "Rätt! Frysningen är borttagen och datumen är återställda.")
                    : new(false, "Frysningen i juli finns kvar.");
            }),
        new(
            "skapa-lena",
            "Skapa en förbeställning för Lena Strand",
            "Västerås stad vill förbeställa Gym 12 mån autogiro åt Lena Strand (" + Domain.People.Personnummer.FromParts(new DateOnly(1988, 12, 3), 404).Formatted + "). Skapa förbeställningen från organisationens meny, Skapa förbeställning.",
            async (db, ct) =>
            {
                var stad = await OrganisationIdAsync(db, "Västerås stad", ct);
                var exists = await db.PreOrders.AnyAsync(p => p.OrganisationId == stad && p.Name.Contains("Strand") && p.Status == PreOrderStatus.Open, ct);
                return exists
                    ? new(true, "Rätt! Västerås stad har en öppen förbeställning för Lena Strand.")
                    : new(false, "Västerås stad har ingen öppen förbeställning för Lena Strand.");
            }),
        new(
            "uppgradera-maria",
            "Uppgradera Maria Ek till Gym Guld",
            "Maria Ek vill ha Gym Guld från i dag. Uppgradera hennes abonnemang och läs i förhandsvisningen hur mellanskillnaden räknas.",
            async (db, ct) =>
            {
                var maria = await db.People.Where(p => p.FirstName == "Maria" && p.LastName == "Ek").Select(p => p.Id).FirstAsync(ct);
                var gold = await db.Products.Where(p => p.Name == "Gym Guld").Select(p => p.Id).FirstAsync(ct);
                var upgraded = await db.Subscriptions.AnyAsync(s => s.PersonId == maria && s.ProductId == gold, ct);
                return upgraded
                    ? new(true, "Rätt! Maria har Gym Guld och mellanskillnaden ligger under Att betala i kassan.")
                    : new(false, "Maria har inte Gym Guld än.");
            }),
    ];

    /// <summary>The file as Excel on Windows writes it: Windows-1252.</summary>
    public static byte[] ImportFileBytes()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252).GetBytes(ImportFileText());
    }

    /// <summary>anställda.csv: eight employees of Nordisk Logistik AB, one with a wrong check digit.</summary>
    public static string ImportFileText() => string.Join("\r\n",
        "Namn;Personnummer;E-postadress",
        Line("Björn Sjöberg", new DateOnly(1984, 2, 11), 213, "bjorn.sjoberg@nordisklogistik.se"),
        Line("Ängla Håkansson", new DateOnly(1991, 7, 23), 328, "angla.hakansson@nordisklogistik.se"),
        Line("Örjan Dahlström", new DateOnly(1969, 10, 5), 437, "orjan.dahlstrom@nordisklogistik.se"),
        Line("Linnéa Grönlund", new DateOnly(1998, 1, 30), 542, string.Empty),
        Line("Mårten Bäckström", new DateOnly(1977, 5, 17), 651, "marten.backstrom@nordisklogistik.se"),
        Line("Jönsson, Karin", new DateOnly(1986, 12, 24), 768, "karin.jonsson@nordisklogistik.se"),
        "Felix Fel;19900101-1235;felix.fel@nordisklogistik.se",
        Line("Åke Löfgren", new DateOnly(1958, 3, 8), 875, "ake.lofgren@nordisklogistik.se")) + "\r\n";

    private static string Line(string name, DateOnly born, int serial, string email) =>
        $"{name};{Domain.People.Personnummer.FromParts(born, serial).Formatted};{email}";

    private static Task<int> OrganisationIdAsync(BrpDbContext db, string name, CancellationToken ct) =>
        db.Organisations.Where(o => o.Name == name).Select(o => o.Id).FirstAsync(ct);
}
