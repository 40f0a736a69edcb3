using System.Text;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>Every line gets a status and a reason in plain Swedish; duplicates in the file and in the database.</summary>
public class PreOrderImportValidationTests : PreOrderTestBase
{
    [Theory]
    [InlineData("Åsa Öberg,19850314-2345,asa@foretaget.se", "Kontrollsiffran stämmer inte")]
    [InlineData("Åsa Öberg,850314-2345,asa@foretaget.se", "Kontrollsiffran stämmer inte")]
    [InlineData("Åsa Öberg,1990-02-30,asa@foretaget.se", "Datumet finns inte")]
    [InlineData("Åsa Öberg,19900230,asa@foretaget.se", "Datumet finns inte")]
    [InlineData("Åsa Öberg,901332-1234,asa@foretaget.se", "Datumet finns inte")]
    [InlineData("Åsa Öberg,2027-01-01,asa@foretaget.se", "Födelsedatum i framtiden")]
    [InlineData("Åsa Öberg,20270101-1237,asa@foretaget.se", "Födelsedatum i framtiden")]
    [InlineData("Åsa Öberg,19850314-2344,asa.foretaget.se", "E-postadressen ser inte ut som en e-postadress")]
    [InlineData("Åsa Öberg,19850314-2344,asa@foretaget", "E-postadressen ser inte ut som en e-postadress")]
    [InlineData(",19850314-2344,asa@foretaget.se", "Namn saknas")]
    [InlineData("Åsa Öberg,,asa@foretaget.se", "Personnummer eller födelsedatum saknas")]
    [InlineData("Per Berg,85-03-14,", "Skriv personnumret ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN, eller födelsedatumet ÅÅÅÅ-MM-DD")]
    [InlineData("Karl Jönsson,19660119-000,", "Skriv personnumret")]
    [InlineData("Jönsson, Karl,19660119-7301,karl@foretaget.se", "Namnet innehåller ett kommatecken")]
    public async Task ParseAsync_BadLine_GetsItsReason(string line, string reason)
    {
        var preview = await PreviewAsync($"Sara Ekdahl,1995-08-21,sara@foretaget.se\n{line}\n");

        var problem = Assert.Single(preview.ProblemLines);
        Assert.Equal(ImportLineStatus.Error, problem.Status);
        Assert.Contains(reason, problem.Reason, StringComparison.CurrentCulture);
        Assert.Equal(2, problem.LineNumber);
        Assert.Equal(line, problem.RawText);
        Assert.Equal(1, preview.OkCount);
    }

    [Fact]
    public async Task ParseAsync_SeveralFaultsOnOneLine_AreAllNamed()
    {
        var preview = await PreviewAsync(",19850314-2345,inte-en-adress\n");

        Assert.Equal("Namn saknas; Kontrollsiffran stämmer inte; E-postadressen ser inte ut som en e-postadress", preview.ProblemLines.Single().Reason);
    }

    [Fact]
    public async Task ParseAsync_Samordningsnummer_IsAccepted()
    {
        var samordning = Personnummer.FromParts(new DateOnly(1972, 10, 3), 519, samordningsnummer: true);

        var preview = await PreviewAsync($"Olle Åkesson,{samordning.TenDigits[..6]}-{samordning.TenDigits[6..]},\n");

        var line = preview.AcceptedLines.Single();
        Assert.True(line.Personnummer!.Value.IsSamordningsnummer);
        Assert.Equal(new DateOnly(1972, 10, 3), line.BirthDate);
    }

    [Fact]
    public async Task ParseAsync_PlusSeparator_MeansAHundredOrOlder()
    {
        var old = Personnummer.FromParts(new DateOnly(1920, 5, 5), 123);

        var preview = await PreviewAsync($"Greta Gammal,{old.TenDigits[..6]}+{old.TenDigits[6..]},\n");

        Assert.Equal(new DateOnly(1920, 5, 5), preview.AcceptedLines.Single().BirthDate);
    }

    [Fact]
    public async Task ParseAsync_TenAndTwelveDigitFormsOfOnePerson_AreDuplicates()
    {
        var preview = await PreviewAsync("""
            Åsa Öberg,850314-2344,asa@foretaget.se
            Per Berg,791102-1173,
            Åsa Öberg,198503142344,asa.oberg@foretaget.se
            Å. Öberg,8503142344,
            """);

        Assert.Equal(2, preview.OkCount);
        Assert.Equal(2, preview.DuplicateCount);
        Assert.All(preview.ProblemLines, l => Assert.Equal("Samma person på rad 1", l.Reason));
        Assert.Equal([3, 4], preview.ProblemLines.Select(l => l.LineNumber));
    }

    [Fact]
    public async Task ParseAsync_SamePersonByBirthDateAndName_InAnyOrderOrCase()
    {
        var preview = await PreviewAsync("""
            Namn;Födelsedatum;E-post
            Sara Ekdahl;1995-08-21;
            Per Berg;1979-11-02;
            EKDAHL SARA;19950821;
            Sara Ekdahl;1996-08-21;
            """);

        var duplicate = Assert.Single(preview.ProblemLines);
        Assert.Equal(4, duplicate.LineNumber);
        Assert.Equal("Samma person på rad 2", duplicate.Reason);
        Assert.Equal(3, preview.OkCount);
    }

    [Fact]
    public async Task ParseAsync_BirthDateLineAndPersonnummerLineOfOnePerson_AreDuplicates()
    {
        var preview = await PreviewAsync("Åsa Öberg,1985-03-14,\nÅsa Öberg,19850314-2344,\n");

        Assert.Equal("Samma person på rad 1", preview.ProblemLines.Single().Reason);
    }

    [Fact]
    public async Task ParseAsync_TwoPeopleWithTheSameNameAndBirthDateButDifferentNumbers_AreBothAccepted()
    {
        var first = Personnummer.FromParts(new DateOnly(1985, 3, 14), 234);
        var second = Personnummer.FromParts(new DateOnly(1985, 3, 14), 236);

        var preview = await PreviewAsync($"Anna Svensson,{first.Value},\nAnna Svensson,{second.Value},\n");

        Assert.Equal(2, preview.OkCount);
    }

    [Fact]
    public async Task ParseAsync_OpenPreOrderWithOverlappingValidity_IsADuplicate_InAnyWrittenForm()
    {
        var asa = Personnummer.Parse("19850314-2344", Today);
        await using (var db = Database.NewContext())
        {
            await TestData.AddPreOrderAsync(db, Organisation, Product, new DateRange(Today.AddMonths(-1), Today.AddDays(10)), "Åsa Öberg", asa);
        }

        var preview = await PreviewAsync("Per Berg,791102-1173,\nÅsa Öberg,850314-2344,\n");

        var duplicate = Assert.Single(preview.ProblemLines);
        Assert.Equal(ImportLineStatus.Duplicate, duplicate.Status);
        Assert.Equal("Finns redan som öppen förbeställning", duplicate.Reason);
        Assert.Equal(2, duplicate.LineNumber);
    }

    [Fact]
    public async Task ParseAsync_PreOrderThatIsNotADuplicate_WithdrawnOrOtherProductOrNoOverlap()
    {
        var asa = Personnummer.Parse("19850314-2344", Today);
        await using (var db = Database.NewContext())
        {
            var other = await TestData.AddProductAsync(db, "Gym Guld");
            var withdrawn = await TestData.AddPreOrderAsync(db, Organisation, Product, Validity, "Åsa Öberg", asa);
            withdrawn.Withdraw("slutat", "test", Clock.UtcNow);
            await db.SaveChangesAsync();
            await TestData.AddPreOrderAsync(db, Organisation, other, Validity, "Åsa Öberg", asa);
            await TestData.AddPreOrderAsync(db, Organisation, Product, new DateRange(Today.AddYears(-1), Today.AddDays(-1)), "Åsa Öberg", asa);
        }

        var preview = await PreviewAsync("Åsa Öberg,850314-2344,\n");

        Assert.Equal(1, preview.OkCount);
    }

    [Fact]
    public async Task Page_ProblemLinesFirst_ThenAcceptedInFileOrder()
    {
        var preview = await PreviewAsync("""
            Åsa Öberg,850314-2344,
            Per Berg,791102-1173,
            Fel Felsson,791102-1174,
            Sara Ekdahl,1995-08-21,
            Åsa Öberg,198503142344,
            """);

        var page = preview.Page(null, 0, 10);
        Assert.Equal(5, page.TotalCount);
        Assert.Equal([3, 5, 1, 2, 4], page.Lines.Select(l => l.LineNumber));
        Assert.Equal([5], preview.Page(ImportLineStatus.Duplicate, 0, 10).Lines.Select(l => l.LineNumber));
        Assert.Equal([3], preview.Page(ImportLineStatus.Error, 0, 10).Lines.Select(l => l.LineNumber));
        Assert.Equal([2, 4], preview.Page(ImportLineStatus.Ok, 1, 5).Lines.Select(l => l.LineNumber));
        Assert.Equal([5, 1], preview.Page(null, 1, 2).Lines.Select(l => l.LineNumber));
    }

    [Fact]
    public async Task PersonLabel_EveryLine_IsMaskedAndTheDetailsKeepTheWholeNumber()
    {
        var preview = await PreviewAsync("Åsa Öberg,850314-2344,\nFel Felsson,791102-1174,\nÅsa Öberg,198503142344,\nSara Ekdahl,2090-01-01,\n");

        Assert.Equal("19850314-••••", preview.AcceptedLines.Single().PersonLabel);
        var error = preview.ProblemLines.Single(l => l.LineNumber == 2);
        Assert.Equal(("791102-••••", "791102-1174"), (error.PersonLabel, error.IdentityText));
        var duplicate = preview.ProblemLines.Single(l => l.Status == ImportLineStatus.Duplicate);
        Assert.Equal(("19850314-••••", "198503142344"), (duplicate.PersonLabel, duplicate.IdentityText));
        Assert.Equal("2090-01-01", preview.ProblemLines.Single(l => l.LineNumber == 4).PersonLabel);
    }

    [Fact]
    public async Task WriteRejectedLinesAsync_OriginalTextAndReason_ReimportsAfterTheFix()
    {
        var preview = await PreviewAsync("""
            Namn;Personnummer;E-post
            Åsa Öberg;850314-2344;asa@foretaget.se
            "Nyström; Märta";840517-4024;marta@foretaget.se
            Per Berg;791102-1173;per.foretaget.se
            """);
        Assert.Equal(2, preview.ErrorCount);

        var file = new MemoryStream();
        await PreOrderImport.WriteRejectedLinesAsync(preview, file);

        var bytes = file.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            "Namn;Personnummer;E-post;Orsak\r\n"
            + "\"Nyström; Märta\";840517-4024;marta@foretaget.se;Kontrollsiffran stämmer inte\r\n"
            + "Per Berg;791102-1173;per.foretaget.se;E-postadressen ser inte ut som en e-postadress\r\n",
            text);

        var fixedText = text.Replace("840517-4024", "840517-4023", StringComparison.Ordinal).Replace("per.foretaget.se", "per@foretaget.se", StringComparison.Ordinal);
        var again = await PreviewAsync(fixedText);
        Assert.True(again.HadHeader);
        Assert.Equal(2, again.OkCount);
        Assert.Equal(0, again.ProblemCount);
        Assert.Equal("Nyström; Märta", again.AcceptedLines[0].Name);
    }
}
