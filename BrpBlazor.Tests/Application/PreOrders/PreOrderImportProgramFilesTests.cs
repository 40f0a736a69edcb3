using System.Text;
using BrpBlazor.Core.Application.PreOrders;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>
/// CSV files byte for byte as each program writes them (issue 18): Excel for Windows "CSV (semikolonavgränsad)"
/// (Windows-1252, <c>;</c>, CRLF), Excel for Mac "CSV (Macintosh)" (Mac Roman, CR alone), Excel "CSV UTF-8" (BOM),
/// LibreOffice Calc (UTF-8, <c>,</c>, LF, quotes only where needed) and Google Sheets (UTF-8, <c>,</c>, CRLF, no last
/// line end), with what Excel does to a personnummer. Every line's outcome is asserted.
/// </summary>
public class PreOrderImportProgramFilesTests : PreOrderTestBase
{
    static PreOrderImportProgramFilesTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static byte[] Windows1252(string text) => Encoding.GetEncoding(1252).GetBytes(text);

    private static byte[] MacRoman(string text) => Encoding.GetEncoding(10000).GetBytes(text);

    private async Task<ImportPreview> PreviewBytesAsync(byte[] bytes, ImportSettings? settings = null)
    {
        var result = await Import.ParseAsync(Staff, new MemoryStream(bytes), "lista.csv", settings ?? Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        return result.Value;
    }

    private static void AssertLines(ImportPreview preview, params (int Line, ImportLineStatus Status, string? Says)[] expected)
    {
        var lines = preview.ProblemLines.Concat(preview.AcceptedLines).OrderBy(l => l.LineNumber).ToList();
        Assert.Equal(expected.Select(e => (e.Line, e.Status)), lines.Select(l => (l.LineNumber, l.Status)));
        foreach (var (line, _, says) in expected)
        {
            var remark = lines.Single(l => l.LineNumber == line).Remark;
            if (says is null)
            {
                Assert.Null(remark);
            }
            else
            {
                Assert.Contains(says, remark, StringComparison.CurrentCulture);
            }
        }
    }

    [Fact]
    public async Task ExcelWindowsSemicolonCsv_EveryKindOfDamage_NamedOnItsLine()
    {
        var bytes = Windows1252(
            "Namn;Personnummer;E-post\r\n"
            + "Åsa Öberg;850314-2344;asa@foretaget.se\r\n"
            + "Lisa Hägg;304301286;lisa@foretaget.se\r\n"
            + "Per Berg;1,97911E+11;per@foretaget.se\r\n"
            + "Märta Nyström;8405174023,00;marta@foretaget.se\r\n"
            + "Sara Ekdahl;1995-08-21 00:00;sara@foretaget.se\r\n"
            + "Karl Jönsson;196\u00A0601\u00A0197\u00A0301;karl@foretaget.se\r\n"
            + "Eva Lund;02/01/1990;eva@foretaget.se\r\n"
            + "Nils Holm;32874;nils@foretaget.se\r\n"
            + "Olle Åkesson;19721063-5194 ;olle@foretaget.se\r\n"
            + ";;\r\n");

        var preview = await PreviewBytesAsync(bytes);

        Assert.Equal(("Windows-1252", ';', true, false), (preview.EncodingName, preview.Separator, preview.HadHeader, preview.EncodingUncertain));
        AssertLines(
            preview,
            (2, ImportLineStatus.Ok, null),
            (3, ImportLineStatus.Error, "Troligen 20030430-••••"),
            (4, ImportLineStatus.Error, "exponentform (1,97911E+11)"),
            (5, ImportLineStatus.Ok, "decimalerna togs bort"),
            (6, ImportLineStatus.Ok, "klockslaget 00:00"),
            (7, ImportLineStatus.Ok, "Hårda mellanslag"),
            (8, ImportLineStatus.Error, "datum (02/01/1990)"),
            (9, ImportLineStatus.Error, "datum som Excel sparat som tal (kanske 1990-01-01)"),
            (10, ImportLineStatus.Ok, null));
        Assert.Contains("Formatera kolumnen som Text", preview.ProblemLines.Single(l => l.LineNumber == 4).Reason, StringComparison.CurrentCulture);
        Assert.Equal("196601197301", preview.AcceptedLines.Single(l => l.Name == "Karl Jönsson").Personnummer!.Value.Value);
        Assert.Equal(new DateOnly(1995, 8, 21), preview.AcceptedLines.Single(l => l.Name == "Sara Ekdahl").BirthDate);
        Assert.Equal(1, preview.SuggestionCount);
    }

    [Fact]
    public async Task ExcelMacCsv_MacRomanWithCarriageReturns_LettersComeOutRight()
    {
        var bytes = MacRoman("Namn;Personnummer;E-post\rBjörn Åström;850314-2344;bjorn@foretaget.se\rÄnglund Öst;791102-1173;\rRené Müller;1995-08-21;rene@foretaget.se\r");

        var preview = await PreviewBytesAsync(bytes);

        Assert.Equal(("Mac Roman", false), (preview.EncodingName, preview.EncodingUncertain));
        Assert.Equal(["Björn Åström", "Änglund Öst", "René Müller"], preview.AcceptedLines.Select(l => l.Name));
        AssertLines(preview, (2, ImportLineStatus.Ok, null), (3, ImportLineStatus.Ok, null), (4, ImportLineStatus.Ok, null));
    }

    [Fact]
    public async Task MacRomanWithLineFeeds_Uncertain_GuessOfferedAndStaffChoiceWins()
    {
        var bytes = MacRoman("Björn Åström;850314-2344;bjorn@foretaget.se\nPer Berg;791102-1173;\n");

        var guessed = await PreviewBytesAsync(bytes);
        var chosen = await PreviewBytesAsync(bytes, Settings with { Encoding = ImportTextEncoding.Windows1252 });

        Assert.Equal(("Mac Roman", true), (guessed.EncodingName, guessed.EncodingUncertain));
        Assert.Equal("Björn Åström", guessed.AcceptedLines[0].Name);
        Assert.Equal("Windows-1252", chosen.EncodingName);
        Assert.NotEqual("Björn Åström", chosen.AcceptedLines[0].Name);
    }

    [Fact]
    public async Task Windows1252WithCarriageReturnsOnly_ButWindowsLetters_StaysWindows1252AndAsks()
    {
        var preview = await PreviewBytesAsync(Windows1252("Åsa Öberg;850314-2344;asa@foretaget.se\rPer Berg;791102-1173;\r"));

        Assert.Equal(("Windows-1252", true), (preview.EncodingName, preview.EncodingUncertain));
        Assert.Equal(["Åsa Öberg", "Per Berg"], preview.AcceptedLines.Select(l => l.Name));
    }

    [Fact]
    public async Task ExcelCsvUtf8_HeadingsInOtherOrderAndWords_ReadByHeading()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "E-postadress;Förnamn;Efternamn;Personnr;Kostnadsställe\r\n"
            + "asa@foretaget.se;Åsa;Öberg;19850314-2344;4711\r\n"
            + ";Per;Berg;791102-1173;4712\r\n"
            + "lisa@foretaget.se;Lisa;Hägg;030430-1286;4712\r\n")).ToArray();

        var preview = await PreviewBytesAsync(bytes);

        Assert.Equal("UTF-8 med BOM", preview.EncodingName);
        Assert.Equal(["Kostnadsställe"], preview.ColumnMap.IgnoredHeadings);
        Assert.Equal(["Åsa Öberg", "Per Berg", "Lisa Hägg"], preview.AcceptedLines.Select(l => l.Name));
        Assert.Equal(["asa@foretaget.se", null, "lisa@foretaget.se"], preview.AcceptedLines.Select(l => l.Email));
        AssertLines(preview, (2, ImportLineStatus.Ok, null), (3, ImportLineStatus.Ok, null), (4, ImportLineStatus.Ok, null));
    }

    [Fact]
    public async Task LibreOfficeCalcCsv_CommaQuotedWhereNeeded_LineFeeds()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "Namn,Personnummer,E-postadress\n"
            + "\"Jönsson, Karl\",196601197301,karl@foretaget.se\n"
            + "Åsa Öberg,8503142344,asa@foretaget.se\n"
            + "Lisa Hägg,304301286,\n"
            + "Sara Ekdahl,1995-08-21,sara@foretaget.se\n");

        var preview = await PreviewBytesAsync(bytes);

        Assert.Equal(("UTF-8", ','), (preview.EncodingName, preview.Separator));
        AssertLines(
            preview,
            (2, ImportLineStatus.Ok, null),
            (3, ImportLineStatus.Ok, null),
            (4, ImportLineStatus.Error, "bara 9 siffror"),
            (5, ImportLineStatus.Ok, null));
        Assert.Equal("Jönsson, Karl", preview.AcceptedLines[0].Name);
    }

    [Fact]
    public async Task GoogleSheetsCsv_EnglishHeadingsOtherOrder_CrLfWithoutLastLineEnd()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "Email,Name,Pnr\r\n"
            + "asa@foretaget.se,Åsa Öberg,19850314-2344\r\n"
            + "per@foretaget.se,Per Berg,19791102-1174\r\n"
            + "marta@foretaget.se,Märta Nyström,198405174023");

        var preview = await PreviewBytesAsync(bytes);

        Assert.Equal(("UTF-8", ',', true), (preview.EncodingName, preview.Separator, preview.HadHeader));
        AssertLines(
            preview,
            (2, ImportLineStatus.Ok, null),
            (3, ImportLineStatus.Error, "Kontrollsiffran"),
            (4, ImportLineStatus.Ok, null));
        Assert.Equal(["Åsa Öberg", "Märta Nyström"], preview.AcceptedLines.Select(l => l.Name));
    }

    [Fact]
    public async Task RejectedCsvOfAFileWithHeadingsInOtherOrder_KeepsItsOwnHeader_AndReimports()
    {
        var preview = await PreviewBytesAsync(Encoding.UTF8.GetBytes("Email,Name,Pnr\r\nper@foretaget.se,Per Berg,19791102-1174\r\n"));

        var file = new MemoryStream();
        await PreOrderImport.WriteRejectedLinesAsync(preview, file);
        var text = Encoding.UTF8.GetString(file.ToArray()[3..]);

        Assert.Equal("Email,Name,Pnr,Orsak\r\nper@foretaget.se,Per Berg,19791102-1174,Kontrollsiffran stämmer inte\r\n", text);
        var again = await PreviewBytesAsync(Encoding.UTF8.GetBytes(text.Replace("1174", "1173", StringComparison.Ordinal)));
        Assert.Equal("Per Berg", again.AcceptedLines.Single().Name);
    }
}
