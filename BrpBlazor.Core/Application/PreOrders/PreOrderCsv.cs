using CsvHelper;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// CSV files the app hands out, written for Swedish Excel: <c>;</c> between fields, UTF-8 with a byte-order mark (so
/// å, ä and ö survive a double-click), and a cell that starts with = + - @, tab or CR gets a leading ' so a
/// spreadsheet shows it as text instead of running it as a formula (CSV injection, docs/decisions/034).
/// </summary>
public static class PreOrderCsv
{
    public const char ExcelSeparator = ';';
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The person columns of the file schema (docs/decisions/111), then what the list says about each pre-order.</summary>
    public static readonly string[] ExportHeader =
    [
        .. PreOrderFileSchema.ExportColumns.Select(c => c.Heading), "Produkt", "Giltig från", "Giltig t.o.m.", "Status", "Källa", "Skapad", "Orsak återkallad",
    ];

    internal static CsvWriterOptions ExcelOptions(char separator = ExcelSeparator) => new()
    {
        Separator = separator,
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        ValidateFieldCount = false,
    };

    /// <summary>Writes a header and the records; the destination stays open.</summary>
    public static async Task WriteExportAsync(Stream destination, IAsyncEnumerable<string?[]> records, CancellationToken cancellationToken = default)
    {
        await using var writer = CsvWriter.Create(destination, ExcelOptions(), leaveOpen: true);
        WriteRecord(writer, ExportHeader);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            WriteRecord(writer, record);
        }
    }

    internal static void WriteRecord(CsvWriter writer, IReadOnlyList<string?> fields)
    {
        foreach (var field in fields)
        {
            writer.WriteField(field ?? string.Empty);
        }

        writer.EndRecord();
    }
}
