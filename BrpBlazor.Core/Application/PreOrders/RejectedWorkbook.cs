using MiniExcelLibs;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// Writes the rejected lines as .xlsx with MiniExcel (docs/decisions/110, 115). Every value is a string, which MiniExcel
/// writes as a text cell: Excel opens <c>0304301286</c> as it is, not as the number 304301286.
/// </summary>
internal static class RejectedWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(
        Stream destination, IReadOnlyList<string> header, int width, IReadOnlyList<ImportLine> lines, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, width + 1).Select(ColumnName).ToArray();
        await MiniExcel.SaveAsAsync(destination, Rows(), printHeader: false, sheetName: "Rader att rätta", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);

        IEnumerable<Dictionary<string, object>> Rows()
        {
            yield return Row(header, PreOrderFileSchema.Reason.Heading);
            foreach (var line in lines)
            {
                yield return Row(line.Cells ?? [line.Name, line.IdentityText, line.Email ?? string.Empty], line.Reason ?? string.Empty);
            }
        }

        Dictionary<string, object> Row(IReadOnlyList<string> cells, string reason)
        {
            var row = new Dictionary<string, object>(columns.Length);
            for (var i = 0; i < width; i++)
            {
                row[columns[i]] = i < cells.Count ? cells[i] : string.Empty;
            }

            row[columns[width]] = reason;
            return row;
        }
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + (index / 26) - 1)}{(char)('A' + (index % 26))}";
}
