using System.Text;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>The parser over real files: every encoding × separator × header, quoted fields, line endings, blank lines.</summary>
public class PreOrderImportParserTests : PreOrderTestBase
{
    public static TheoryData<string> MatrixFiles()
    {
        var data = new TheoryData<string>();
        foreach (var encoding in new[] { "cp1252", "utf8", "utf8bom", "utf16le" })
        {
            foreach (var separator in new[] { "comma", "semicolon", "tab" })
            {
                foreach (var header in new[] { "header", "noheader" })
                {
                    data.Add($"{encoding}-{separator}-{header}.csv");
                }
            }
        }

        data.Add("utf16be-semicolon-header.csv");
        data.Add("utf8-comma-mixed-line-endings.csv");
        data.Add("cp1252-excel-sep-hint.csv");
        return data;
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public async Task ParseAsync_MatrixFile_ReadsEveryPersonExactly(string fileName)
    {
        var separator = fileName.Contains("comma", StringComparison.Ordinal) ? ',' : fileName.Contains("tab", StringComparison.Ordinal) ? '\t' : ';';
        var header = !fileName.Contains("noheader", StringComparison.Ordinal) && !fileName.Contains("mixed", StringComparison.Ordinal);

        var preview = await PreviewFileAsync(TestFile("matrix", fileName));

        Assert.Equal(separator, preview.Separator);
        Assert.Equal(header, preview.HadHeader);
        Assert.Equal(7, preview.OkCount);
        Assert.Equal(0, preview.ProblemCount);
        var lines = preview.AcceptedLines;
        Assert.Equal(
            ["Åsa Öberg", $"Jönsson{separator} Karl \"Kalle\"", "Per Berg", "Sara Ekdahl", "Olle Åkesson", "Lisa Hägg", "Märta Nyström"],
            lines.Select(l => l.Name));
        Assert.Equal(
            ["198503142344", "196601197301", "197911021173", null, "197210635194", "200304301286", "198405174023"],
            lines.Select(l => l.Personnummer?.Value));
        Assert.Equal(new DateOnly(1995, 8, 21), lines[3].BirthDate);
        Assert.True(lines[4].Personnummer!.Value.IsSamordningsnummer);
        Assert.Equal(new DateOnly(1972, 10, 3), lines[4].BirthDate);
        Assert.Equal("per.berg@foretaget.se", lines[2].Email);
        Assert.Null(lines[5].Email);
        Assert.Equal("marta.nystrom@foretaget.se", lines[6].Email);

        // Line numbers count every line of the file: the header, the blank lines (and Excel's sep= line).
        var offset = (header ? 1 : 0) + (fileName.Contains("sep-hint", StringComparison.Ordinal) ? 1 : 0);
        Assert.Equal([1, 2, 3, 5, 6, 8, 9], lines.Select(l => l.LineNumber - offset));
    }

    [Theory]
    [InlineData("cp1252-comma-noheader.csv", "Windows-1252")]
    [InlineData("utf8-comma-noheader.csv", "UTF-8")]
    [InlineData("utf8bom-comma-noheader.csv", "UTF-8 med BOM")]
    [InlineData("utf16le-comma-noheader.csv", "UTF-16 LE")]
    [InlineData("utf16be-semicolon-header.csv", "UTF-16 BE")]
    public async Task ParseAsync_DetectsTheEncoding(string fileName, string expected)
    {
        var preview = await PreviewFileAsync(TestFile("matrix", fileName));

        Assert.Equal(expected, preview.EncodingName);
        Assert.Equal("Åsa Öberg", preview.AcceptedLines[0].Name);
    }

    [Fact]
    public async Task ParseAsync_CustomerCommaFile_Windows1252_AsaArrivesExactly()
    {
        var preview = await PreviewFileAsync(TestFile("preorders-comma-1252.csv"));

        Assert.Equal("Windows-1252", preview.EncodingName);
        Assert.Equal(',', preview.Separator);
        Assert.False(preview.HadHeader);
        Assert.Equal(3, preview.OkCount);
        Assert.Equal(["Märta Nyström", "Olle Åkesson", "Sara Ekdahl"], preview.AcceptedLines.Select(l => l.Name));
    }

    [Fact]
    public async Task ParseAsync_CustomerExcelFile_SemicolonWithHeaderAndCommaInName()
    {
        var preview = await PreviewFileAsync(TestFile("preorders-excel-semicolon-1252.csv"));

        Assert.Equal(';', preview.Separator);
        Assert.True(preview.HadHeader);
        Assert.Equal(["Jönsson, Karl", "Lisa Hägg"], preview.AcceptedLines.Select(l => l.Name));
        Assert.Equal([2, 3], preview.AcceptedLines.Select(l => l.LineNumber));
        Assert.Null(preview.AcceptedLines[1].Email);
    }

    [Fact]
    public async Task ParseAsync_AsaOberg_InWindows1252FromBytes_ArrivesExactly()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("Åsa Öberg,19850314-2344,asa@foretaget.se\r\n");
        Assert.Contains((byte)0xC5, bytes);

        var result = await Import.ParseAsync(Staff, new MemoryStream(bytes), "asa.csv", Settings);

        Assert.Equal("Åsa Öberg", result.Value.AcceptedLines.Single().Name);
    }

    [Fact]
    public async Task ParseAsync_UnseekableStream_IsSpooledAndRead()
    {
        await using var file = File.OpenRead(TestFile("matrix", "cp1252-semicolon-header.csv"));
        await using var unseekable = new UnseekableStream(file);

        var result = await Import.ParseAsync(Staff, unseekable, "upload.csv", Settings);

        Assert.Equal(7, result.Value.OkCount);
        Assert.Equal("Åsa Öberg", result.Value.AcceptedLines[0].Name);
    }

    [Theory]
    [InlineData("Namn,Personnummer,E-post")]
    [InlineData("namn;födelsedatum;e-postadress")]
    [InlineData("Name,Personnummer eller födelsedatum,Email")]
    [InlineData("Anställd,Pnr,Mejl")]
    public async Task ParseAsync_HeaderLine_IsRecognisedAndSkipped(string header)
    {
        var separator = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var preview = await PreviewAsync($"{header}\nÅsa Öberg{separator}19850314-2344{separator}asa@foretaget.se\n");

        Assert.True(preview.HadHeader);
        Assert.Equal(1, preview.TotalLines);
        Assert.Equal(2, preview.AcceptedLines.Single().LineNumber);
    }

    [Fact]
    public async Task ParseAsync_FirstLineWithBadPersonnummer_IsAnErrorLineNotAHeader()
    {
        var preview = await PreviewAsync("Åsa Öberg,19850314-2345,asa@foretaget.se\nPer Berg,791102-1173,\n");

        Assert.False(preview.HadHeader);
        Assert.Equal(1, preview.ErrorCount);
        Assert.Equal(1, preview.ProblemLines.Single().LineNumber);
    }

    [Fact]
    public async Task ParseAsync_UnbalancedQuote_SpoilsOnlyItsOwnLine()
    {
        var preview = await PreviewAsync("\"Åsa Öberg,19850314-2344,asa@foretaget.se\nPer Berg,791102-1173,per@foretaget.se\n");

        Assert.Equal(1, preview.ErrorCount);
        Assert.Equal("Per Berg", preview.AcceptedLines.Single().Name);
    }

    [Fact]
    public async Task ParseAsync_FileTooLarge_IsRefusedWithTheLimit()
    {
        var settings = Settings with { MaxFileBytes = 1024 * 1024 };
        var line = "Åsa Öberg,19850314-2344,asa@foretaget.se\n";
        var text = string.Concat(Enumerable.Repeat(line, (1024 * 1024 / line.Length) + 10));

        var result = await Import.ParseAsync(Staff, Utf8(text), "stor.csv", settings);

        Assert.False(result.IsSuccess);
        Assert.Equal("import.toolarge", result.FirstError!.Code);
        Assert.Contains("1 MB", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ParseAsync_BinaryFile_IsRefused()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0 };

        var result = await Import.ParseAsync(Staff, new MemoryStream(bytes), "bild.png", Settings);

        Assert.Equal("import.binary", result.FirstError!.Code);
        Assert.Contains("inte en textfil", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ParseAsync_BrokenWorkbook_SaysItCannotBeRead()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0 };

        var result = await Import.ParseAsync(Staff, new MemoryStream(bytes), "lista.xlsx", Settings);

        Assert.Equal("import.workbook.damaged", result.FirstError!.Code);
        Assert.Contains("Arbetsboken kunde inte läsas", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Theory]
    [InlineData("", "import.empty")]
    [InlineData("\r\n\r\n  \r\n", "import.nolines")]
    [InlineData("Namn;Personnummer;E-postadress\r\n", "import.nolines")]
    [InlineData("Hej!\nDet här är ett brev, inte en lista.\n", "import.notpreorders")]
    public async Task ParseAsync_NoUsableLine_IsRefused(string text, string code)
    {
        var result = await Import.ParseAsync(Staff, Utf8(text), "tom.csv", Settings);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.FirstError!.Code);
    }

    [Fact]
    public async Task ParseAsync_OneHugeLine_IsRefused()
    {
        var text = "Åsa Öberg,19850314-2344,asa@foretaget.se\n" + new string('x', 2 * 1024 * 1024);

        var result = await Import.ParseAsync(Staff, Utf8(text), "stor.csv", Settings);

        Assert.Equal("import.linetoolong", result.FirstError!.Code);
    }

    [Fact]
    public async Task ParseAsync_MoreLinesThanTheLimit_IsRefused()
    {
        var text = string.Concat(Enumerable.Range(1, 11).Select(i => $"Person {i},1985-03-14,\n"));

        var result = await Import.ParseAsync(Staff, Utf8(text), "lista.csv", Settings with { MaxLines = 10 });

        Assert.Equal("import.toomanylines", result.FirstError!.Code);
    }

    [Fact]
    public async Task ParseAsync_SeekableStreamNotAtStart_ReadsFromItsPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("xxÅsa Öberg,19850314-2344,asa@foretaget.se\n");
        var stream = new MemoryStream(bytes) { Position = 2 };

        var result = await Import.ParseAsync(Staff, stream, "a.csv", Settings);

        Assert.Equal("Åsa Öberg", result.Value.AcceptedLines.Single().Name);
    }

    [Fact]
    public void LooksLikeIdentity_TellsNumbersFromWords()
    {
        Assert.True(PersonIdentity.LooksLikeIdentity("850314-2345"));
        Assert.True(PersonIdentity.LooksLikeIdentity("198503142345"));
        Assert.True(PersonIdentity.LooksLikeIdentity("200505+1234"));
        Assert.True(PersonIdentity.LooksLikeIdentity("1995-08-21"));
        Assert.True(PersonIdentity.LooksLikeIdentity("19950821"));
        Assert.False(PersonIdentity.LooksLikeIdentity("Personnummer"));
        Assert.False(PersonIdentity.LooksLikeIdentity("12345"));
        Assert.False(PersonIdentity.LooksLikeIdentity(" Karl"));
    }
}
