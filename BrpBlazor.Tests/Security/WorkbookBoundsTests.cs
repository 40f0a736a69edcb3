using System.Buffers.Binary;
using System.IO.Compression;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Tests.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;
using static BrpBlazor.Tests.TestSupport.TestWorkbook;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// A workbook is hostile input (issue 18, docs/decisions/114): what it unpacks to is counted as it comes out, whatever
/// the zip claims; sheets, rows and columns are bounded; a broken or locked file gets a Swedish message, never a crash.
/// </summary>
public sealed class WorkbookBoundsTests : PreOrderTestBase
{
    [Fact]
    public async Task ParseAsync_ZipBomb_IsRefusedBeforeTheReaderUnpacksIt()
    {
        var bomb = Bomb(declareSmallSizes: false);
        Assert.True(bomb.Length < 1024 * 1024);

        var result = await Import.ParseAsync(Staff, new MemoryStream(bomb), "bomb.xlsx", Settings);

        Assert.Equal("import.workbook.toolarge", result.FirstError!.Code);
        Assert.Contains("packas upp till mer än 128 MB", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ParseAsync_ZipBombThatLiesAboutItsSizes_UnpacksNoMoreThanItClaims()
    {
        var bomb = Bomb(declareSmallSizes: true);
        using (var zip = new ZipArchive(new MemoryStream(bomb), ZipArchiveMode.Read))
        {
            using var part = zip.GetEntry("xl/worksheets/sheet2.xml")!.Open();
            var unpacked = 0L;
            var buffer = new byte[81920];
            int read;
            while ((read = part.Read(buffer)) > 0)
            {
                unpacked += read;
            }

            // The zip reader stops at the claimed size, so the lie hides the bomb from the reader too.
            Assert.True(unpacked <= 1000, $"{unpacked} bytes came out");
        }

        var result = await Import.ParseAsync(Staff, new MemoryStream(bomb), "bomb.xlsx", Settings);

        Assert.True(result.IsSuccess || result.FirstError!.Code is "import.workbook.toolarge" or "import.workbook.damaged");
    }

    [Theory]
    [InlineData("Reception")]
    [InlineData("Nobody")]
    public async Task ParseAsync_WorkbookWithoutTheOrganisationRight_IsRefusedBeforeItIsRead(string who)
    {
        var actor = who == "Reception" ? Actors.Reception : Actors.Nobody;
        var workbook = new TestWorkbook().Sheet("Blad1", Row("Åsa Öberg", "19850314-2344"));

        var result = await Import.ParseAsync(actor, new MemoryStream(Bomb(declareSmallSizes: false)), "bomb.xlsx", Settings);
        var plain = await Import.ParseAsync(actor, new MemoryStream(workbook.ToBytes()), "lista.xlsx", Settings);

        Assert.Equal("right.missing", result.FirstError!.Code);
        Assert.Equal("right.missing", plain.FirstError!.Code);
    }

    [Fact]
    public async Task ParseAsync_TooManySheets_IsRefused()
    {
        var workbook = new TestWorkbook();
        for (var i = 0; i <= WorkbookRows.MaxSheets; i++)
        {
            workbook.Sheet($"Blad{i + 1}", Row("Åsa Öberg", "19850314-2344"));
        }

        var result = await Import.ParseAsync(Staff, new MemoryStream(workbook.ToBytes()), "blad.xlsx", Settings);

        Assert.Equal("import.workbook.sheets", result.FirstError!.Code);
        Assert.Contains("fler än 50 blad", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ParseAsync_SheetWithMoreRowsThanTheLimit_IsRefused()
    {
        var rows = Enumerable.Range(1, 11).Select(i => Row($"Person {i}", new DateOnly(1985, 3, 14), null)).ToArray();
        var workbook = new TestWorkbook().Sheet("Blad1", rows);

        var result = await Import.ParseAsync(Staff, new MemoryStream(workbook.ToBytes()), "lång.xlsx", Settings with { MaxLines = 10 });

        Assert.Equal("import.toomanylines", result.FirstError!.Code);
    }

    [Fact]
    public async Task ParseAsync_VeryWideRows_OnlyTheFirstColumnsAreLookedAt()
    {
        var wide = new object?[] { "Åsa Öberg", "19850314-2344", "asa@foretaget.se" }
            .Concat(Enumerable.Repeat<object?>("x", 20)).ToArray();
        var workbook = new TestWorkbook().Sheet("Blad1", wide);

        var result = await Import.ParseAsync(Staff, new MemoryStream(workbook.ToBytes()), "bred.xlsx", Settings);

        Assert.Equal("Åsa Öberg", result.Value.AcceptedLines.Single().Name);
        Assert.True(WorkbookRows.MaxColumns < 100);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    public async Task ParseAsync_BrokenWorkbook_SaysSoInSwedish(byte[] bytes)
    {
        var result = await Import.ParseAsync(Staff, new MemoryStream(bytes), "trasig.xlsx", Settings);

        Assert.Equal("import.workbook.damaged", result.FirstError!.Code);
        Assert.StartsWith("Arbetsboken kunde inte läsas", result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ParseAsync_ZipThatIsNoWorkbook_SaysItCannotBeRead()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("readme.txt").Open();
            entry.Write("hej"u8);
        }

        var result = await Import.ParseAsync(Staff, new MemoryStream(buffer.ToArray()), "arkiv.xlsx", Settings);

        Assert.Equal("import.workbook.damaged", result.FirstError!.Code);
    }

    /// <summary>A valid-looking workbook whose sheet unpacks to 200 MB of spaces; optionally its zip claims 1 000 bytes.</summary>
    private static byte[] Bomb(bool declareSmallSizes)
    {
        var small = new TestWorkbook().Sheet("Blad1", Row("Åsa Öberg", "19850314-2344")).ToBytes();
        using var buffer = new MemoryStream();
        buffer.Write(small);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry("xl/worksheets/sheet2.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var chunk = new byte[1024 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 200; i++)
            {
                stream.Write(chunk);
            }
        }

        var bytes = buffer.ToArray();
        if (declareSmallSizes)
        {
            // The uncompressed size: offset 22 in a local header (PK\x03\x04), offset 24 in a central directory entry (PK\x01\x02).
            for (var i = 0; i + 30 < bytes.Length; i++)
            {
                if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), 1000);
                }
                else if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 1000);
                }
            }
        }

        return bytes;
    }
}
