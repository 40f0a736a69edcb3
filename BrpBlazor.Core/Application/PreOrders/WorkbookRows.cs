using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using BrpBlazor.Core.Domain.Common;
using ExcelDataReader;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>One line of a file: its number as staff see it (the file's line, the sheet's row), its cells, and its text.</summary>
internal sealed record ImportRow(int LineNumber, IReadOnlyList<ImportCell> Cells, string RawText);

/// <summary>
/// Reads the rows of one sheet of an Excel workbook (.xlsx, and .xls) with ExcelDataReader (docs/decisions/110). A
/// workbook is hostile input: before the reader sees it, a .xlsx is unpacked once, counting the bytes that really come
/// out (not the sizes the zip claims), and refused past <see cref="MaxUnpackedBytes"/>, <see cref="MaxParts"/> parts or
/// <see cref="MaxSheets"/> sheets; rows are counted by the parser's line limit and cells past
/// <see cref="MaxColumns"/> are not looked at (docs/decisions/114).
/// </summary>
internal static partial class WorkbookRows
{
    /// <summary>100 000 rows of four columns unpack to about 25 MB of XML (measured); more than 128 MB is not a pre-order list.</summary>
    internal const long MaxUnpackedBytes = 128L * 1024 * 1024;

    internal const int MaxParts = 1_000;

    internal const int MaxSheets = 50;

    /// <summary>A pre-order list has a handful of columns; a company's list may have a few dozen we ignore.</summary>
    internal const int MaxColumns = 64;

    public static readonly Error Damaged = new(
        "import.workbook.damaged", "Arbetsboken kunde inte läsas: den är skadad eller inte en Excel-fil. Öppna den i Excel och spara den igen, eller spara den som CSV.");

    public static readonly Error Unpacked = new(
        "import.workbook.toolarge",
        $"Arbetsboken packas upp till mer än {MaxUnpackedBytes / (1024 * 1024)} MB. Det är inte en lista med förbeställningar; spara bladet med listan som en egen fil och välj den igen.");

    public static readonly Error TooManySheets = new(
        "import.workbook.sheets", $"Arbetsboken har fler än {MaxSheets} blad. Spara bladet med listan som en egen fil och välj den igen.");

    public static readonly Error Encrypted = new(
        "import.workbook.encrypted", "Arbetsboken är skyddad med lösenord. Ta bort lösenordet i Excel (Arkiv → Info → Skydda arbetsbok) och välj filen igen.");

    public static readonly Error NoSheet = new("import.workbook.nosheet", "Arbetsboken har inget blad att läsa.");

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Checks a .xlsx before it is read: what it unpacks to, how many parts and sheets it has.</summary>
    public static Error? CheckPackage(Stream content, CancellationToken cancellationToken)
    {
        var start = content.Position;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxParts)
            {
                return Unpacked;
            }

            if (zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)) > MaxSheets)
            {
                return TooManySheets;
            }

            var buffer = new byte[81920];
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    unpacked += read;
                    if (unpacked > MaxUnpackedBytes)
                    {
                        return Unpacked;
                    }
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return Damaged;
        }
        finally
        {
            content.Position = start;
        }
    }

    /// <summary>Opens the workbook and lists its sheets; the reader stands before the first row of the first sheet.</summary>
    public static Result<Workbook> Open(Stream content)
    {
        IExcelDataReader? reader = null;
        try
        {
            reader = ExcelReaderFactory.CreateReader(content, new ExcelReaderConfiguration { LeaveOpen = true });
            if (reader.ResultsCount > MaxSheets)
            {
                reader.Dispose();
                return TooManySheets;
            }

            var names = new List<string>(reader.ResultsCount);
            var visible = new List<bool>(reader.ResultsCount);
            do
            {
                names.Add(reader.Name ?? $"Blad{names.Count + 1}");
                visible.Add(reader.VisibleState is null or "visible");
            }
            while (reader.NextResult());

            if (names.Count == 0)
            {
                reader.Dispose();
                return NoSheet;
            }

            reader.Reset();
            return new Workbook(reader, names, visible);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reader?.Dispose();
            // A password-protected .xlsx is an OLE file that ExcelDataReader opens and then refuses for the password.
            return e is ExcelDataReader.Exceptions.InvalidPasswordException ? Encrypted : Damaged;
        }
    }

    /// <summary>An open workbook: its sheets, and the rows of one of them.</summary>
    internal sealed class Workbook(IExcelDataReader reader, IReadOnlyList<string> sheetNames, IReadOnlyList<bool> visible) : IDisposable
    {
        public IReadOnlyList<string> SheetNames { get; } = sheetNames;

        /// <summary>The sheet read when staff have not chosen: the first one that is not hidden.</summary>
        public int DefaultSheet { get; } = Math.Max(0, visible.ToList().IndexOf(true));

        /// <summary>
        /// The rows of one sheet, numbered as Excel numbers them. Each cell is text as the person saw it: a number
        /// shown through a format of zeros (<c>000000-0000</c>) keeps its leading zeros, a whole number its digits,
        /// a date <c>yyyy-MM-dd</c>. The raw text joins the cells with <c>;</c> as a CSV line would.
        /// </summary>
        public IEnumerable<ImportRow> Rows(int sheet)
        {
            reader.Reset();
            for (var i = 0; i < sheet; i++)
            {
                reader.NextResult();
            }

            var rowNumber = 0;
            while (ReadRow())
            {
                rowNumber++;
                var count = Math.Min(reader.FieldCount, MaxColumns);
                var cells = new ImportCell[count];
                var last = -1;
                for (var c = 0; c < count; c++)
                {
                    cells[c] = Cell(reader, c);
                    if (cells[c].Text.Length > 0)
                    {
                        last = c;
                    }
                }

                var used = last < 0 ? [] : cells.AsSpan(0, last + 1).ToArray();
                yield return new ImportRow(rowNumber, used, RawText(used));
            }
        }

        public void Dispose() => reader.Dispose();

        private bool ReadRow()
        {
            try
            {
                return reader.Read();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidDataException("The workbook's sheet could not be read.", e);
            }
        }
    }

    private static ImportCell Cell(IExcelDataReader reader, int index)
    {
        var value = reader.GetValue(index);
        return value switch
        {
            null => ImportCell.Empty,
            string text => new ImportCell(text),
            double number => new ImportCell(NumberText(number, reader.GetNumberFormatString(index)), ImportCellKind.Number, number),
            DateTime date => new ImportCell(
                date.TimeOfDay == TimeSpan.Zero
                    ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ImportCellKind.Date,
                Date: date),
            bool flag => new ImportCell(flag ? "SANT" : "FALSKT"),
            IFormattable other => new ImportCell(other.ToString(null, CultureInfo.InvariantCulture)),
            _ => new ImportCell(value.ToString() ?? string.Empty),
        };
    }

    /// <summary>
    /// A number as Excel shows it: through its format when that is only zeros and separators (Excel's
    /// Personnummer format <c>000000-0000</c>, or <c>0000000000</c>), a whole number as its digits, otherwise in
    /// Swedish (<c>8001011234,5</c>).
    /// </summary>
    private static string NumberText(double number, string? format)
    {
        if (number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            var zeros = format is null ? null : ZeroFormat().Match(format.Replace("\\", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal));
            return zeros is { Success: true }
                ? ((long)number).ToString(zeros.Value, CultureInfo.InvariantCulture)
                : ((long)number).ToString(CultureInfo.InvariantCulture);
        }

        return number.ToString("G15", Swedish);
    }

    private static string RawText(IReadOnlyList<ImportCell> cells)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(';');
            }

            var text = cells[i].Text;
            if (text.AsSpan().IndexOfAny(";\"\r\n") >= 0)
            {
                builder.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(text);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^0+([- ]0+)*$")]
    private static partial Regex ZeroFormat();
}
