using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>The one declared file schema (docs/decisions/111) and what Excel does to a personnummer (docs/decisions/112), without a database.</summary>
public class PreOrderFileSchemaTests
{
    private static readonly DateOnly Today = TestClock.DefaultToday;

    [Theory]
    [InlineData("Namn", PreOrderFileField.Name)]
    [InlineData("För- och efternamn", PreOrderFileField.Name)]
    [InlineData("FÖRNAMN", PreOrderFileField.FirstName)]
    [InlineData("Efternamn:", PreOrderFileField.LastName)]
    [InlineData("Personnummer", PreOrderFileField.Personnummer)]
    [InlineData("Pnr", PreOrderFileField.Personnummer)]
    [InlineData("Personnr", PreOrderFileField.Personnummer)]
    [InlineData("Pers.nr", PreOrderFileField.Personnummer)]
    [InlineData("Födelsedatum", PreOrderFileField.BirthDate)]
    [InlineData("Fodelsedatum", PreOrderFileField.BirthDate)]
    [InlineData("Personnummer eller födelsedatum", PreOrderFileField.Identity)]
    [InlineData("E-post", PreOrderFileField.Email)]
    [InlineData("E-postadress", PreOrderFileField.Email)]
    [InlineData("e post", PreOrderFileField.Email)]
    [InlineData("Mail", PreOrderFileField.Email)]
    [InlineData("Orsak", PreOrderFileField.Reason)]
    public void Exact_SwedishVariants_NameTheirColumn(string heading, PreOrderFileField field)
    {
        Assert.Equal(field, PreOrderFileSchema.Exact(heading)?.Field);
    }

    [Theory]
    [InlineData("E-post arbete", PreOrderFileField.Email)]
    [InlineData("Förnamn (tilltal)", PreOrderFileField.FirstName)]
    [InlineData("Personnummer (utan streck)", PreOrderFileField.Personnummer)]
    public void Partial_HeadingHoldingAKnownOne_IsAGuessOnly(string heading, PreOrderFileField field)
    {
        Assert.Null(PreOrderFileSchema.Exact(heading));
        Assert.Equal(field, PreOrderFileSchema.Partial(heading)?.Field);
    }

    [Fact]
    public void FromHeaderRow_OtherOrderAndExtraColumns_MapsEveryColumn()
    {
        var map = ImportColumnMap.FromHeaderRow(["Mail", "Avdelning", "Efternamn", "Förnamn", "Pnr"])!;

        Assert.Null(map.Ambiguity);
        Assert.Equal(
            [PreOrderFileField.Email, PreOrderFileField.Ignored, PreOrderFileField.LastName, PreOrderFileField.FirstName, PreOrderFileField.Personnummer],
            map.Columns.Select(c => c.Field));
        Assert.Equal(["Avdelning"], map.IgnoredHeadings);
    }

    [Theory]
    [InlineData("Åsa Öberg", "19850314-2344", "asa@foretaget.se")]
    [InlineData("Mail Person", "79110-1173", "mail@foretaget.se")]
    public void FromHeaderRow_DataLine_IsNotAHeader(string name, string identity, string email)
    {
        Assert.Null(ImportColumnMap.FromHeaderRow([name, identity, email]));
    }

    [Fact]
    public void FromHeaderRow_NameWholeAndSplit_IsAmbiguous()
    {
        var map = ImportColumnMap.FromHeaderRow(["Namn", "Förnamn", "Efternamn", "Personnummer"])!;

        Assert.Contains("både en kolumn för hela namnet", map.Ambiguity, StringComparison.CurrentCulture);
    }

    [Fact]
    public void FromHeaderRow_NoPersonnummerColumnBesideUnknownOnes_IsAmbiguous()
    {
        var map = ImportColumnMap.FromHeaderRow(["Namn", "ID", "E-post"])!;

        Assert.Contains("personnummer eller födelsedatum", map.Ambiguity, StringComparison.CurrentCulture);
    }

    [Fact]
    public void ExportHeaderAndRejectedHeader_ComeFromTheSchema()
    {
        Assert.Equal(["Namn", "Personnummer", "Födelsedatum", "E-postadress"], PreOrderCsv.ExportHeader[..4]);
        Assert.Equal(["Namn", "Personnummer eller födelsedatum", "E-postadress", "Orsak"], PreOrderFileSchema.RejectedHeader);
    }

    [Fact]
    public void StoredPerLine_AreWritablePropertiesOfAPreOrder()
    {
        var properties = typeof(PreOrder).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(PreOrderFileSchema.StoredPerLine, c => Assert.Contains(c.Property, properties));
        Assert.Equal(["Name", "NameKey", "Personnummer", "BirthDate", "Email"], PreOrderFileSchema.StoredPerLine.Select(c => c.Property));
    }

    [Theory]
    [InlineData("304301286", null, "9 siffror", "200304301286")]
    [InlineData("104301289", null, "inte ett giltigt personnummer med en nolla först", null)]
    [InlineData("1,97911E+11", null, "exponentform", null)]
    [InlineData("1.97911E11", null, "exponentform", null)]
    [InlineData("8503142344,5", null, "decimaler", null)]
    [InlineData("02/01/1990", null, "datum (02/01/1990)", null)]
    [InlineData("1990-01-02 13:30", null, "klockslag", null)]
    [InlineData("32874", null, "kanske 1990-01-01", null)]
    public void Read_DamagedText_NamesTheProblem(string text, string? note, string problem, string? suggested)
    {
        var reading = ExcelDamage.Read(new ImportCell(text), Today);

        Assert.Equal(note, reading.Note);
        Assert.Contains(problem, reading.Problem, StringComparison.CurrentCulture);
        Assert.Equal(suggested is null ? null : suggested[2..], reading.Suggested);
    }

    [Theory]
    [InlineData("8503142344,00", "8503142344", "decimalerna togs bort")]
    [InlineData("1995-08-21 00:00", "1995-08-21", "klockslaget 00:00")]
    [InlineData("198 503 142 344", "198503142344", "Mellanslag inne i")]
    [InlineData("198\u00A0503\u00A0142\u00A0344", "198503142344", "Hårda mellanslag")]
    [InlineData("19850314-2344\u00A0", "19850314-2344", "Ett hårt mellanslag")]
    [InlineData("19850314-2344  ", "19850314-2344", "Mellanslag före eller efter")]
    [InlineData("19850314-2344", "19850314-2344", null)]
    public void Read_HarmlessDamage_IsCleanedAndSaid(string text, string cleaned, string? note)
    {
        var reading = ExcelDamage.Read(new ImportCell(text), Today);

        Assert.Null(reading.Problem);
        Assert.Equal(cleaned, reading.Text);
        if (note is null)
        {
            Assert.Null(reading.Note);
        }
        else
        {
            Assert.Contains(note, reading.Note, StringComparison.CurrentCulture);
        }
    }

    [Fact]
    public void Read_NumberAndDateCells_AreWhatThePersonTyped()
    {
        Assert.Equal("198503142344", ExcelDamage.Read(new ImportCell("198503142344", ImportCellKind.Number, 198503142344), Today).Text);
        Assert.Equal("030430-1286", ExcelDamage.Read(new ImportCell("030430-1286", ImportCellKind.Number, 304301286), Today).Text);
        Assert.Equal("1995-08-21", ExcelDamage.Read(new ImportCell("1995-08-21", ImportCellKind.Date, Date: new DateTime(1995, 8, 21)), Today).Text);
        Assert.Contains("decimaler", ExcelDamage.Read(new ImportCell("8503142344,5", ImportCellKind.Number, 8503142344.5), Today).Problem, StringComparison.CurrentCulture);
    }
}
