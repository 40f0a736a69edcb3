using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using static BrpBlazor.Tests.TestSupport.TestWorkbook;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>
/// Workbooks as Excel stores them (issue 18): the personnummer column as text, numbers, formatted numbers and dates, with
/// and without headings, headings in other orders and words, several sheets; each line's outcome asserted.
/// </summary>
public class PreOrderImportWorkbookTests : PreOrderTestBase
{
    private async Task<ImportPreview> PreviewWorkbookAsync(TestWorkbook workbook, ImportSettings? settings = null, string name = "lista.xlsx")
    {
        var result = await Import.ParseAsync(Staff, new MemoryStream(workbook.ToBytes()), name, settings ?? Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        return result.Value;
    }

    [Fact]
    public async Task ParseAsync_CompanyWorkbook_HeadingsInOtherOrderAndEveryCellKind_EachLineAsTyped()
    {
        var workbook = new TestWorkbook().Sheet(
            "Anställda",
            Row("Anställningsnr", "E-post", "Personnummer", "Förnamn", "Efternamn", "Avdelning"),
            Row(1001, "asa@foretaget.se", "19850314-2344", "Åsa", "Öberg", "Ekonomi"),
            Row(1002, "per@foretaget.se", 197911021173L, "Per", "Berg", "IT"),
            Row(1003, "lisa@foretaget.se", new FormattedNumber(304301286, "000000\\-0000"), "Lisa", "Hägg", "IT"),
            Row(1004, "sara@foretaget.se", new DateOnly(1995, 8, 21), "Sara", "Ekdahl", "Lager"),
            Row(1005, "marta@foretaget.se", 8405174023L, "Märta", "Nyström", "Lager"),
            Row(1006, "olle@foretaget.se", 304301286L, "Olle", "Åkesson", "Sälj"),
            Row(1007, "karl@foretaget.se", 8405174023.5, "Karl", "Jönsson", "Sälj"),
            Row(1008, "eva@foretaget.se", new DateTimeCell(new DateTime(1990, 1, 2, 13, 30, 0)), "Eva", "Lund", "Sälj"));

        var preview = await PreviewWorkbookAsync(workbook);

        Assert.True(preview.IsWorkbook);
        Assert.True(preview.HadHeader);
        Assert.Equal(["Anställningsnr", "Avdelning"], preview.ColumnMap.IgnoredHeadings);
        Assert.Equal(["Anställda"], preview.SheetNames);
        Assert.Equal(
            [("Åsa Öberg", "198503142344"), ("Per Berg", "197911021173"), ("Lisa Hägg", "200304301286"), ("Sara Ekdahl", null), ("Märta Nyström", "198405174023")],
            preview.AcceptedLines.Select(l => (l.Name, l.Personnummer?.Value)));
        Assert.Equal([2, 3, 4, 5, 6], preview.AcceptedLines.Select(l => l.LineNumber));
        Assert.Equal(new DateOnly(1995, 8, 21), preview.AcceptedLines[3].BirthDate);
        Assert.Equal("lisa@foretaget.se", preview.AcceptedLines[2].Email);

        var olle = preview.ProblemLines.Single(l => l.LineNumber == 7);
        Assert.Contains("bara 9 siffror", olle.Reason, StringComparison.CurrentCulture);
        Assert.Contains("Troligen 20030430-••••", olle.Reason, StringComparison.CurrentCulture);
        Assert.Equal("200304301286", olle.SuggestedPersonnummer!.Value.Value);
        Assert.Contains("decimaler", preview.ProblemLines.Single(l => l.LineNumber == 8).Reason, StringComparison.CurrentCulture);
        Assert.Contains("klockslag", preview.ProblemLines.Single(l => l.LineNumber == 9).Reason, StringComparison.CurrentCulture);
        Assert.Equal(3, preview.ErrorCount);
        Assert.Equal(1, preview.SuggestionCount);
    }

    [Fact]
    public async Task ParseAsync_WorkbookWithoutHeadings_ReadsTheDocumentedOrder()
    {
        var workbook = new TestWorkbook().Sheet(
            "Blad1",
            Row("Åsa Öberg", 198503142344L, "asa@foretaget.se"),
            Row(null, null, null),
            Row("Sara Ekdahl", new DateOnly(1995, 8, 21), null),
            Row("Per Berg", "791102-1173", "per@foretaget.se"));

        var preview = await PreviewWorkbookAsync(workbook);

        Assert.False(preview.HadHeader);
        Assert.Equal(["Åsa Öberg", "Sara Ekdahl", "Per Berg"], preview.AcceptedLines.Select(l => l.Name));
        Assert.Equal([1, 3, 4], preview.AcceptedLines.Select(l => l.LineNumber));
        Assert.Null(preview.AcceptedLines[1].Email);
        Assert.Equal(0, preview.ProblemCount);
    }

    [Fact]
    public async Task ParseAsync_SeveralSheets_FirstVisibleByDefaultAndTheChosenOneOnRequest()
    {
        var workbook = new TestWorkbook()
            .HiddenSheet("Mall", Row("Namn", "Personnummer"), Row("Exempel Exempelsson", "19000101-0000"))
            .Sheet("Stockholm", Row("Namn", "Personnummer"), Row("Åsa Öberg", "19850314-2344"))
            .Sheet("Göteborg", Row("Namn", "Personnummer"), Row("Per Berg", "19791102-1173"), Row("Lisa Hägg", "20030430-1286"));

        var first = await PreviewWorkbookAsync(workbook);
        var chosen = await PreviewWorkbookAsync(workbook, Settings with { SheetIndex = 2 });

        Assert.Equal(["Mall", "Stockholm", "Göteborg"], first.SheetNames);
        Assert.Equal(1, first.SheetIndex);
        Assert.Equal(["Åsa Öberg"], first.AcceptedLines.Select(l => l.Name));
        Assert.Equal(2, chosen.SheetIndex);
        Assert.Equal(["Per Berg", "Lisa Hägg"], chosen.AcceptedLines.Select(l => l.Name));
    }

    [Fact]
    public async Task ParseAsync_TwoEmailColumns_AsksForTheColumnsThenReadsThemAsChosen()
    {
        var workbook = new TestWorkbook().Sheet(
            "Blad1",
            Row("Namn", "E-post arbete", "E-post privat", "Personnummer"),
            Row("Åsa Öberg", "asa@foretaget.se", "asa@hemma.se", "19850314-2344"));

        var asked = await PreviewWorkbookAsync(workbook);

        Assert.True(asked.NeedsColumnChoice);
        Assert.Contains("E-postadress", asked.ColumnMap.Ambiguity, StringComparison.CurrentCulture);
        Assert.Equal(0, asked.TotalLines);
        Assert.Equal(0, asked.OkCount);
        Assert.Equal(["Namn", "E-post arbete", "E-post privat", "Personnummer"], asked.ColumnMap.Columns.Select(c => c.Heading));

        var chosen = await PreviewWorkbookAsync(workbook, Settings with
        {
            Columns = [PreOrderFileField.Name, PreOrderFileField.Ignored, PreOrderFileField.Email, PreOrderFileField.Personnummer],
        });

        Assert.False(chosen.NeedsColumnChoice);
        Assert.Equal("asa@hemma.se", chosen.AcceptedLines.Single().Email);
        Assert.Equal(["E-post arbete"], chosen.ColumnMap.IgnoredHeadings);
    }

    [Fact]
    public async Task ParseAsync_HeadingsWithoutAPersonnummerColumn_SaysWhatIsMissing()
    {
        var workbook = new TestWorkbook().Sheet("Blad1", Row("Namn", "E-post"), Row("Åsa Öberg", "asa@foretaget.se"));

        var result = await Import.ParseAsync(Staff, new MemoryStream(workbook.ToBytes()), "lista.xlsx", Settings);

        Assert.Equal("import.columns", result.FirstError!.Code);
        Assert.Contains("personnummer eller födelsedatum", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task AcceptSuggestion_OneLineThenAll_StoresTheProbableNumbersAndNothingSilently()
    {
        var workbook = new TestWorkbook().Sheet(
            "Blad1",
            Row("Namn", "Personnummer", "E-post"),
            Row("Lisa Hägg", 304301286L, "lisa@foretaget.se"),
            Row("Lisa Hägg", 304301286L, "lisa@foretaget.se"),
            Row("Olle Åkesson", 104301288L, "olle@foretaget.se"),
            Row("Åsa Öberg", "19850314-2344", "asa@foretaget.se"));
        var preview = await PreviewWorkbookAsync(workbook);
        Assert.Equal((1, 3, 3), (preview.OkCount, preview.ErrorCount, preview.SuggestionCount));

        var accepted = preview.AcceptSuggestion(2);
        Assert.Equal(ImportLineStatus.Ok, accepted!.Status);
        Assert.Contains("Godkänd tolkning: 20030430-••••", accepted.Note, StringComparison.CurrentCulture);
        Assert.Null(preview.AcceptSuggestion(5));

        Assert.Equal(1, preview.AcceptAllSuggestions());

        Assert.Equal((3, 0, 1, 0), (preview.OkCount, preview.ErrorCount, preview.DuplicateCount, preview.SuggestionCount));
        Assert.Equal("Samma person på rad 2", preview.ProblemLines.Single().Reason);
        var outcome = await Import.ConfirmAsync(Staff, preview);
        Assert.True(outcome.IsSuccess, outcome.FirstError?.Message);
        await using var db = Database.NewContext();
        var stored = await db.PreOrders.OrderBy(p => p.Name).Select(p => new { p.Name, p.Personnummer }).ToListAsync();
        Assert.Equal(
            [("Lisa Hägg", "200304301286"), ("Olle Åkesson", "200104301288"), ("Åsa Öberg", "198503142344")],
            stored.Select(s => (s.Name, s.Personnummer!.Value.Value)));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Contains("\"AcceptedSuggestionCount\":3", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task WriteRejectedWorkbookAsync_TextCells_KeepLeadingZerosWhenExcelOpensIt()
    {
        var workbook = new TestWorkbook().Sheet(
            "Blad1",
            Row("E-post", "Namn", "Personnummer"),
            Row("lisa.foretaget.se", "Lisa Hägg", "0304301286"),
            Row("olle@foretaget.se", "Olle Åkesson", 304301286L),
            Row("asa@foretaget.se", "Åsa Öberg", "19850314-2344"));
        var preview = await PreviewWorkbookAsync(workbook);
        Assert.Equal(2, preview.ProblemCount);

        var file = new MemoryStream();
        await PreOrderImport.WriteRejectedWorkbookAsync(preview, file);

        file.Position = 0;
        using var reader = ExcelReaderFactory.CreateReader(file);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        }

        Assert.Equal(["E-post", "Namn", "Personnummer", "Orsak"], rows[0]);
        Assert.Equal(["lisa.foretaget.se", "Lisa Hägg", "0304301286"], rows[1][..3]);
        Assert.Equal("304301286", rows[2][2]);
        Assert.All(rows.SelectMany(r => r), cell => Assert.IsType<string>(cell));
        Assert.Contains("e-postadress", (string)rows[1][3]!, StringComparison.CurrentCulture);
        Assert.Contains("9 siffror", (string)rows[2][3]!, StringComparison.CurrentCulture);

        file.Position = 0;
        var again = await Import.ParseAsync(Staff, file, "rader att rätta.xlsx", Settings);
        Assert.True(again.Value.HadHeader);
        Assert.Equal(2, again.Value.ProblemCount);
    }

    [Fact]
    public async Task ParseAsync_WorkbookFromExport_HeadingsOfTheSchemaReadBack()
    {
        var workbook = new TestWorkbook().Sheet(
            "Förbeställningar",
            Row([.. PreOrderCsv.ExportHeader]),
            Row("Åsa Öberg", "19850314-2344", "1985-03-14", "asa@foretaget.se", "Gym", "2026-03-16", "2026-06-16", "Öppen", "import", "2026-03-16 09:00", null),
            Row("Sara Ekdahl", null, "1995-08-21", "sara@foretaget.se", "Gym", "2026-03-16", "2026-06-16", "Öppen", "manuell", "2026-03-16 09:00", null));

        var preview = await PreviewWorkbookAsync(workbook);

        Assert.Equal([("Åsa Öberg", "198503142344"), ("Sara Ekdahl", null)], preview.AcceptedLines.Select(l => (l.Name, l.Personnummer?.Value)));
        Assert.Equal(new DateOnly(1995, 8, 21), preview.AcceptedLines[1].BirthDate);
        Assert.Contains("Produkt", preview.ColumnMap.IgnoredHeadings);
    }
}
