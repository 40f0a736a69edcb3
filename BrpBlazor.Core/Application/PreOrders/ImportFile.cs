using System.Text;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// An uploaded file, checked before it is parsed: size, binary or text, and its encoding. Read once, as a stream: a
/// source that cannot seek (a browser upload) is copied to a temporary file on the way (deleted on dispose), so the file
/// is never held in memory (docs/decisions/032).
/// </summary>
internal sealed class ImportFile : IAsyncDisposable
{
    public static readonly Error Empty = new("import.empty", "Filen är tom.");
    public static readonly Error Binary = new("import.binary", "Filen är inte en textfil (den innehåller binära data). Välj en CSV-fil med en rad per person.");

    private const int BufferSize = 81920;

    private readonly Stream content;
    private readonly bool ownsContent;

    static ImportFile()
    {
        // Windows-1252 is what Excel writes on Windows; .NET has it only through the code-pages provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private ImportFile(Stream content, bool ownsContent, Verdict verdict, long length)
    {
        this.content = content;
        this.ownsContent = ownsContent;
        Kind = verdict.Kind;
        Encoding = verdict.Encoding ?? Encoding.UTF8;
        EncodingName = verdict.Name ?? string.Empty;
        EncodingUncertain = verdict.Uncertain;
        Length = length;
    }

    /// <summary>Text (CSV), or a workbook: .xlsx is a zip, .xls an OLE compound file.</summary>
    public ImportFileKind Kind { get; }

    /// <summary>
    /// Windows-1252 and Mac Roman are both 8-bit and cannot be told apart for sure: true when the guess rests on the
    /// letters alone and the line ends disagree, so the preview offers the choice (docs/decisions/113).
    /// </summary>
    public bool EncodingUncertain { get; }

    /// <summary>The text, positioned where the upload started.</summary>
    public Stream Content => content;

    public Encoding Encoding { get; }

    /// <summary>The encoding in words, for the preview.</summary>
    /// <summary>What <see cref="EncodingName"/> says for an old Excel for Mac file.</summary>
    public const string MacRomanName = "Mac Roman";

    public string EncodingName { get; }

    public long Length { get; }

    public static Error TooLarge(long maxBytes) =>
        new("import.toolarge", $"Filen är för stor. Största tillåtna storlek är {maxBytes / (1024 * 1024)} MB.");

    public static async Task<Result<ImportFile>> OpenAsync(
        Stream source, long maxBytes, PrivateTempFolder spool, CancellationToken cancellationToken, ImportTextEncoding encoding = ImportTextEncoding.Automatic)
    {
        var seekable = source.CanSeek;
        var start = seekable ? source.Position : 0;
        var target = seekable ? source : spool.NewFile("import", BufferSize);
        try
        {
            var sniffer = new TextSniffer();
            var buffer = new byte[BufferSize];
            long total = 0;
            int read;
            var first = true;
            while ((read = first
                ? await source.ReadAtLeastAsync(buffer, TextSniffer.HeadLength, throwOnEndOfStream: false, cancellationToken)
                : await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                first = false;
                total += read;
                if (total > maxBytes)
                {
                    return await FailAsync(TooLarge(maxBytes));
                }

                if (!seekable)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                sniffer.Feed(buffer.AsSpan(0, read));
            }

            var verdict = sniffer.Finish(encoding);
            if (verdict.Error is { } error)
            {
                return await FailAsync(error);
            }

            if (seekable)
            {
                source.Position = start;
            }
            else
            {
                await target.FlushAsync(cancellationToken);
                target.Position = 0;
            }

            return new ImportFile(target, !seekable, verdict, total);
        }
        catch
        {
            if (!seekable)
            {
                await target.DisposeAsync();
            }

            throw;
        }

        async Task<Result<ImportFile>> FailAsync(Error error)
        {
            if (!seekable)
            {
                await target.DisposeAsync();
            }

            return error;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsContent)
        {
            await content.DisposeAsync();
        }
    }


    private sealed record Verdict(ImportFileKind Kind, Encoding? Encoding, string? Name, bool Uncertain = false, Error? Error = null)
    {
        public static Verdict Failed(Error error) => new(ImportFileKind.Text, null, null, Error: error);
    }

    /// <summary>
    /// Looks at every byte once: the byte-order mark, the signatures of Excel workbooks, NUL and other control bytes
    /// (binary), and whether the text is valid UTF-8. Without a byte-order mark, text that is not valid UTF-8 is
    /// Windows-1252 (what the customer's spec says Excel writes), or Mac Roman (old Excel for Mac's "CSV (Macintosh)",
    /// with CR alone as line end) when its letters and line ends say so.
    /// </summary>
    private sealed class TextSniffer
    {
        public const int HeadLength = 8;

        private readonly byte[] head = new byte[HeadLength];
        private readonly Decoder utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        private int headLength;
        private long total;
        private long nulCount;
        private long controlCount;
        private bool validUtf8 = true;
        private Bom bom = Bom.Unknown;
        private int? pendingUtf16Byte;
        private bool lastWasCr;
        private long loneCrCount;
        private long lineFeedCount;
        private long windowsLetters;
        private long macLetters;

        private enum Bom
        {
            Unknown,
            None,
            Utf8,
            Utf16LittleEndian,
            Utf16BigEndian,
        }

        public void Feed(ReadOnlySpan<byte> chunk)
        {
            if (headLength < HeadLength)
            {
                var take = Math.Min(HeadLength - headLength, chunk.Length);
                chunk[..take].CopyTo(head.AsSpan(headLength));
                headLength += take;
            }

            if (bom == Bom.Unknown)
            {
                // The first read asks for HeadLength bytes, so the mark is always in the first chunk.
                (bom, var markLength) = DetectBom(chunk);
                chunk = chunk[markLength..];
            }

            total += chunk.Length;
            if (bom is Bom.Utf16LittleEndian or Bom.Utf16BigEndian)
            {
                FeedUtf16(chunk);
                return;
            }

            nulCount += chunk.Count((byte)0);
            foreach (var b in chunk)
            {
                if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A))
                {
                    controlCount++;
                }

                CountLetterAndLineEnd(b);
            }

            if (validUtf8 && bom != Bom.Utf8)
            {
                try
                {
                    utf8.GetCharCount(chunk, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }
        }

        public Verdict Finish(ImportTextEncoding chosen)
        {
            if (total == 0)
            {
                return Verdict.Failed(Empty);
            }

            ReadOnlySpan<byte> h = head.AsSpan(0, headLength);
            if (h is [0x50, 0x4B, 0x03, 0x04, ..])
            {
                return new Verdict(ImportFileKind.OpenXmlWorkbook, null, "Excel-arbetsbok (.xlsx)");
            }

            if (h is [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..])
            {
                return new Verdict(ImportFileKind.BinaryWorkbook, null, "Excel-arbetsbok (.xls)");
            }

            // NUL never appears in text; a sprinkle of other control bytes may (a stray form feed), a binary file has many.
            if (nulCount > 0 || controlCount * 100 > total)
            {
                return Verdict.Failed(Binary);
            }

            if (validUtf8 && bom == Bom.None)
            {
                try
                {
                    utf8.GetCharCount([], flush: true);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }

            return bom switch
            {
                Bom.Utf8 => Text(new UTF8Encoding(true), "UTF-8 med BOM"),
                Bom.Utf16LittleEndian => Text(Encoding.Unicode, "UTF-16 LE"),
                Bom.Utf16BigEndian => Text(Encoding.BigEndianUnicode, "UTF-16 BE"),
                _ when validUtf8 => Text(new UTF8Encoding(false), "UTF-8"),
                _ => EightBit(chosen),
            };
        }

        private static Verdict Text(Encoding encoding, string name) => new(ImportFileKind.Text, encoding, name);

        /// <summary>
        /// Mac Roman when its Swedish letters (å 8C, ä 8A, ö 9A …) outnumber Windows-1252's (E5, E4, F6 …) and the lines
        /// end in CR alone (old Excel for Mac); certain when letters and line ends agree, otherwise the better guess with
        /// the choice offered. Staff's choice wins.
        /// </summary>
        private Verdict EightBit(ImportTextEncoding chosen)
        {
            var macLineEnds = loneCrCount > 0 && lineFeedCount == 0;
            var mac = chosen switch
            {
                ImportTextEncoding.MacRoman => true,
                ImportTextEncoding.Windows1252 => false,
                _ => macLetters > windowsLetters || (macLineEnds && macLetters == windowsLetters),
            };
            var uncertain = mac ? !macLineEnds : macLineEnds || macLetters > 0;
            return mac
                ? new Verdict(ImportFileKind.Text, Encoding.GetEncoding(10000), MacRomanName, uncertain)
                : new Verdict(ImportFileKind.Text, Encoding.GetEncoding(1252), "Windows-1252", uncertain);
        }

        private void CountLetterAndLineEnd(byte b)
        {
            if (lastWasCr && b != (byte)'\n')
            {
                loneCrCount++;
            }

            lastWasCr = b == (byte)'\r';
            switch (b)
            {
                case (byte)'\n':
                    lineFeedCount++;
                    break;

                // å ä ö Å Ä Ö é É ü in Windows-1252.
                case 0xE5 or 0xE4 or 0xF6 or 0xC5 or 0xC4 or 0xD6 or 0xE9 or 0xC9 or 0xFC:
                    windowsLetters++;
                    break;

                // The same letters in Mac Roman.
                case 0x8C or 0x8A or 0x9A or 0x81 or 0x80 or 0x85 or 0x8E or 0x83 or 0x9F:
                    macLetters++;
                    break;
            }
        }

        private static (Bom Bom, int Length) DetectBom(ReadOnlySpan<byte> start) => start switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Bom.Utf8, 3),
            [0xFF, 0xFE, ..] => (Bom.Utf16LittleEndian, 2),
            [0xFE, 0xFF, ..] => (Bom.Utf16BigEndian, 2),
            _ => (Bom.None, 0),
        };

        /// <summary>A NUL character in UTF-16 is two zero bytes on a character boundary.</summary>
        private void FeedUtf16(ReadOnlySpan<byte> chunk)
        {
            var i = 0;
            if (pendingUtf16Byte is { } pending && chunk.Length > 0)
            {
                if (pending == 0 && chunk[0] == 0)
                {
                    nulCount++;
                }

                pendingUtf16Byte = null;
                i = 1;
            }

            for (; i + 1 < chunk.Length; i += 2)
            {
                if (chunk[i] == 0 && chunk[i + 1] == 0)
                {
                    nulCount++;
                }
            }

            if (i < chunk.Length)
            {
                pendingUtf16Byte = chunk[i];
            }
        }
    }
}

/// <summary>What an uploaded file is, by its first bytes.</summary>
internal enum ImportFileKind
{
    Text,
    OpenXmlWorkbook,
    BinaryWorkbook,
}
