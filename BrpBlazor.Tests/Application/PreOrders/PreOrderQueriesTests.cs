using System.Text;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>Visa förbeställningar: server-side paging, sorting, filtering, counts, one pre-order, export.</summary>
public class PreOrderQueriesTests : PreOrderTestBase
{
    private static readonly Personnummer Asa = Personnummer.Parse("19850314-2344", TestClock.DefaultToday);
    private static readonly Personnummer Per = Personnummer.Parse("19791102-1173", TestClock.DefaultToday);

    private int goldId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        var gold = await TestData.AddProductAsync(db, "Gym Guld");
        goldId = gold.Id;
        var past = new DateRange(Today.AddMonths(-3), Today.AddDays(-1));
        await TestData.AddPreOrderAsync(db, Organisation, Product, Validity, "Åsa Öberg", Asa);
        await TestData.AddPreOrderAsync(db, Organisation, gold, Validity, "Per Berg", Per);
        await TestData.AddPreOrderAsync(db, Organisation, Product, past, "Sara Ekdahl", null, new DateOnly(1995, 8, 21));
        var withdrawn = await TestData.AddPreOrderAsync(db, Organisation, Product, Validity, "Olle Åkesson", null, new DateOnly(1972, 10, 3));
        withdrawn.Withdraw("Slutat", "test", Clock.UtcNow);
        await db.SaveChangesAsync();
        var otherOrganisation = await TestData.AddOrganisationAsync(db, "Annat AB", (Product, 100));
        await TestData.AddPreOrderAsync(db, otherOrganisation, Product, Validity, "Åsa Öberg", Asa);
    }

    private PreOrderFilter Filter => new(Organisation.Id);

    private async Task<IReadOnlyList<string>> NamesAsync(PreOrderFilter filter, PreOrderSortColumn sort = PreOrderSortColumn.Name, bool descending = false)
    {
        var page = await Queries.ListAsync(Staff, new PreOrderListRequest(filter, sort, descending));
        Assert.True(page.IsSuccess, page.FirstError?.Message);
        return page.Value.Items.Select(i => i.Name).ToList();
    }

    [Fact]
    public async Task ListAsync_OnlyThisOrganisation_WithMaskedPersonnummer()
    {
        var page = (await Queries.ListAsync(Staff, new PreOrderListRequest(Filter, PreOrderSortColumn.Name, false))).Value;

        Assert.Equal(4, page.TotalCount);
        var asa = page.Items.Single(i => i.Name == "Åsa Öberg");
        Assert.Equal("19850314-••••", asa.PersonLabel);
        Assert.Equal("1995-08-21", page.Items.Single(i => i.Name == "Sara Ekdahl").PersonLabel);
        Assert.Equal("Gym 12 mån autogiro", asa.ProductName);
    }

    [Theory]
    [InlineData(PreOrderDisplayStatus.Open, new[] { "Per Berg", "Åsa Öberg" })]
    [InlineData(PreOrderDisplayStatus.Expired, new[] { "Sara Ekdahl" })]
    [InlineData(PreOrderDisplayStatus.Withdrawn, new[] { "Olle Åkesson" })]
    [InlineData(PreOrderDisplayStatus.Redeemed, new string[0])]
    public async Task ListAsync_ByStatus_IncludingDerivedExpired(PreOrderDisplayStatus status, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync(Filter with { Status = status }));
    }

    [Fact]
    public async Task ListAsync_ByProductAndValidity()
    {
        Assert.Equal(["Per Berg"], await NamesAsync(Filter with { ProductId = goldId }));
        Assert.Equal(["Sara Ekdahl"], await NamesAsync(Filter with { ValidFrom = Today.AddMonths(-2), ValidTo = Today.AddMonths(-1) }));
        Assert.Equal(["Olle Åkesson", "Per Berg", "Åsa Öberg"], await NamesAsync(Filter with { ValidFrom = Today }));
        Assert.Equal(["Sara Ekdahl"], await NamesAsync(Filter with { ValidTo = Today.AddDays(-2) }));
    }

    [Theory]
    [InlineData("öberg", "Åsa Öberg")]
    [InlineData("ÅSA", "Åsa Öberg")]
    [InlineData("berg per", "Per Berg")]
    [InlineData("850314-2344", "Åsa Öberg")]
    [InlineData("198503142344", "Åsa Öberg")]
    [InlineData("8503142344", "Åsa Öberg")]
    [InlineData("1995-08-21", "Sara Ekdahl")]
    public async Task ListAsync_FreeText_NamePersonnummerInAnyFormOrBirthDate(string text, string expected)
    {
        Assert.Equal([expected], await NamesAsync(Filter with { Text = text }));
    }

    [Fact]
    public async Task ListAsync_FreeText_EmailCaseInsensitive_AndLikeCharactersAreLiteral()
    {
        await using (var db = Database.NewContext())
        {
            db.PreOrders.Add(PreOrder.Create(
                new PreOrderDraft(Organisation.Id, Product.Id, Validity, "Märta Nyström", null, new DateOnly(1984, 5, 17), "Marta.Nystrom@Foretaget.se"), "test", Clock.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Märta Nyström"], await NamesAsync(Filter with { Text = "marta.nystrom@" }));
        Assert.Empty(await NamesAsync(Filter with { Text = "%" }));
        Assert.Empty(await NamesAsync(Filter with { Text = "m_rta" }));
    }

    [Fact]
    public async Task ListAsync_SortsAndPagesOnTheServer()
    {
        Assert.Equal(["Åsa Öberg", "Sara Ekdahl", "Per Berg", "Olle Åkesson"], await NamesAsync(Filter, PreOrderSortColumn.Name, descending: true));
        Assert.Equal(["Olle Åkesson", "Sara Ekdahl", "Åsa Öberg", "Per Berg"], await NamesAsync(Filter, PreOrderSortColumn.Product));
        Assert.Equal("Sara Ekdahl", (await NamesAsync(Filter, PreOrderSortColumn.ValidTo))[0]);
        Assert.Equal("Olle Åkesson", (await NamesAsync(Filter, PreOrderSortColumn.Person))[0]);
        Assert.Equal(["Per Berg", "Åsa Öberg", "Olle Åkesson", "Sara Ekdahl"], await NamesAsync(Filter, PreOrderSortColumn.Status));

        var second = (await Queries.ListAsync(Staff, new PreOrderListRequest(Filter, PreOrderSortColumn.Name, false, Page: 1, PageSize: 3))).Value;
        Assert.Equal(4, second.TotalCount);
        Assert.Equal(["Åsa Öberg"], second.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task CountAsync_PerStatus()
    {
        var counts = (await Queries.CountAsync(Staff, Organisation.Id)).Value;

        Assert.Equal((2, 0, 1, 1), (counts.Open, counts.Redeemed, counts.Withdrawn, counts.Expired));
    }

    [Fact]
    public async Task GetAsync_Redeemed_SaysWhenByWhomAndWhichSubscription()
    {
        await using var db = Database.NewContext();
        db.Users.Add(new StaffUser { Id = "rita", UserName = "rita", DisplayName = "Rita Receptionist" });
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", Asa);
        var preOrder = await db.PreOrders.SingleAsync(p => p.OrganisationId == Organisation.Id && p.Name == "Åsa Öberg");
        var subscription = Subscription.Create(new SubscriptionStart(
            person.Id, Product, Money.FromKronor(299), Today, Organisation.Id, preOrder.Id, "rita", Clock.UtcNow));
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        Assert.True(preOrder.Redeem(subscription.Id, Today, Clock.UtcNow).IsSuccess);
        await db.SaveChangesAsync();

        var details = (await Queries.GetAsync(Staff, Organisation.Id, preOrder.Id)).Value;

        Assert.Equal(PreOrderDisplayStatus.Redeemed, details.Status);
        Assert.Equal(Clock.UtcNow, details.RedeemedUtc);
        Assert.Equal(("Rita Receptionist", subscription.Id, person.Id), (details.RedeemedByName, details.RedeemedSubscriptionId, details.RedeemedPersonId));
    }

    [Fact]
    public async Task GetAsync_ShowsTheWholePersonnummer()
    {
        var id = (await Queries.ListAsync(Staff, new PreOrderListRequest(Filter with { Text = "Åsa" }))).Value.Items.Single().Id;

        var details = (await Queries.GetAsync(Staff, Organisation.Id, id)).Value;

        Assert.Equal("19850314-2344", details.PersonnummerFormatted);
        Assert.True(details.CanWithdraw);
    }

    [Fact]
    public async Task ExportAsync_ExcelCsvWithWholePersonnummerAndSwedishLetters_AndAnAuditEntry()
    {
        var file = new MemoryStream();

        var result = await Queries.ExportAsync(Staff, new PreOrderListRequest(Filter with { Status = PreOrderDisplayStatus.Open, Text = "850314-2344" }), file);

        Assert.Equal(1, result.Value);
        var bytes = file.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Namn;Personnummer;Födelsedatum;E-postadress;Produkt;Giltig från;Giltig t.o.m.;Status;Källa;Skapad;Orsak återkallad", lines[0]);
        // Skapad 2026-01-01 00:00 UTC is 01:00 in Stockholm, as the screen shows it.
        Assert.Equal($"Åsa Öberg;19850314-2344;1985-03-14;;Gym 12 mån autogiro;{Validity.Start:yyyy-MM-dd};{Validity.End:yyyy-MM-dd};öppen;manuell;2026-01-01 01:00;", lines[1]);
        Assert.Equal(2, lines.Length);

        await using var db = Database.NewContext();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("preorder.export", audit.Action);
        Assert.Contains("1 förbeställningar", audit.Summary, StringComparison.CurrentCulture);
        Assert.Contains("19850314-••••", audit.After, StringComparison.CurrentCulture);
        Assert.DoesNotContain("2344", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ExportAsync_CellsThatStartLikeAFormula_AreNeutralised()
    {
        await using (var db = Database.NewContext())
        {
            foreach (var name in new[] { "=HYPERLINK(\"http://x\";\"Klicka\")", "+46701234567", "-Öberg", "@SUMMA(A1)" })
            {
                db.PreOrders.Add(PreOrder.Create(
                    new PreOrderDraft(Organisation.Id, Product.Id, Validity, name, null, new DateOnly(1990, 1, 1), null), "test", Clock.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        var file = new MemoryStream();
        await Queries.ExportAsync(Staff, new PreOrderListRequest(Filter with { Text = "1990-01-01" }, PreOrderSortColumn.Name, false), file);

        var text = Encoding.UTF8.GetString(file.ToArray());
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"Klicka\"\")\";", text, StringComparison.CurrentCulture);
        Assert.Contains("\r\n\"'+46701234567\";", text, StringComparison.CurrentCulture);
        Assert.Contains("\r\n\"'-Öberg\";", text, StringComparison.CurrentCulture);
        Assert.Contains("\r\n\"'@SUMMA(A1)\";", text, StringComparison.CurrentCulture);
        Assert.DoesNotContain("\n=", text, StringComparison.CurrentCulture);
        Assert.DoesNotContain("\n+", text, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task WriteExportAsync_TabAndCarriageReturnAtTheStart_AreNeutralisedToo()
    {
        var file = new MemoryStream();

        await PreOrderCsv.WriteExportAsync(file, Rows(["\tÅsa", "\rÖberg", "vanlig", "ärlig"]));

        var text = Encoding.UTF8.GetString(file.ToArray()[3..]);
        Assert.EndsWith("\r\n\"'\tÅsa\";\"'\rÖberg\";vanlig;ärlig\r\n", text, StringComparison.CurrentCulture);
    }

    private static async IAsyncEnumerable<string?[]> Rows(string?[] row)
    {
        await Task.Yield();
        yield return row;
    }
}
