using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>A number cell shown through a number format, as Excel stores a personnummer formatted 000000-0000.</summary>
public sealed record FormattedNumber(double Value, string FormatCode);

/// <summary>A cell that holds a date with a time of day (Excel stores both in one number).</summary>
public sealed record DateTimeCell(DateTime Value);

/// <summary>
/// Writes an .xlsx byte for byte the way Excel lays one out: a zip of [Content_Types].xml, the workbook and its
/// relationships, one worksheet per sheet, shared strings for text (<c>t="s"</c>), plain numbers, dates as serial
/// numbers with style numFmtId 14, and custom number formats (numFmtId 164 on) for formatted numbers. Sheets may be
/// hidden. Cell values: string, int, long, double, <see cref="DateOnly"/>, <see cref="DateTimeCell"/>,
/// <see cref="FormattedNumber"/>, or null for an empty cell.
/// </summary>
public sealed class TestWorkbook
{
    private readonly List<(string Name, bool Hidden, object?[][] Rows)> sheets = [];

    public TestWorkbook Sheet(string name, params object?[][] rows) => Add(name, false, rows);

    public TestWorkbook HiddenSheet(string name, params object?[][] rows) => Add(name, true, rows);

    public static object?[] Row(params object?[] cells) => cells;

    public byte[] ToBytes()
    {
        var strings = new List<string>();
        var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var formats = new List<string>();
        var sheetXml = sheets.Select(s => SheetXml(s.Rows, strings, stringIndex, formats)).ToList();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes());
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write(zip, "xl/workbook.xml", WorkbookXml());
            Write(zip, "xl/_rels/workbook.xml.rels", WorkbookRels());
            for (var i = 0; i < sheetXml.Count; i++)
            {
                Write(zip, $"xl/worksheets/sheet{i + 1}.xml", sheetXml[i]);
            }

            Write(zip, "xl/sharedStrings.xml", SharedStrings(strings));
            Write(zip, "xl/styles.xml", Styles(formats));
        }

        return buffer.ToArray();
    }

    private TestWorkbook Add(string name, bool hidden, object?[][] rows)
    {
        sheets.Add((name, hidden, rows));
        return this;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        var bytes = new UTF8Encoding(false).GetBytes(text);
        entry.Write(bytes);
    }

    private string ContentTypes()
    {
        var builder = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        for (var i = 0; i < sheets.Count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        builder.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
        return builder.ToString();
    }

    private string WorkbookXml()
    {
        var builder = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>""");
        for (var i = 0; i < sheets.Count; i++)
        {
            var state = sheets[i].Hidden ? " state=\"hidden\"" : string.Empty;
            builder.Append(CultureInfo.InvariantCulture, $"""<sheet name="{SecurityElement.Escape(sheets[i].Name)}" sheetId="{i + 1}"{state} r:id="rId{i + 1}"/>""");
        }

        builder.Append("</sheets></workbook>");
        return builder.ToString();
    }

    private string WorkbookRels()
    {
        var builder = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 0; i < sheets.Count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
        }

        var n = sheets.Count;
        builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
        return builder.ToString();
    }

    private static string SheetXml(object?[][] rows, List<string> strings, Dictionary<string, int> stringIndex, List<string> formats)
    {
        var builder = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>""");
        for (var r = 0; r < rows.Length; r++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text:
                        if (!stringIndex.TryGetValue(text, out var index))
                        {
                            index = strings.Count;
                            strings.Add(text);
                            stringIndex[text] = index;
                        }

                        builder.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>");
                        break;
                    case DateOnly date:
                        builder.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"1\"><v>{date.ToDateTime(TimeOnly.MinValue).ToOADate()}</v></c>");
                        break;
                    case DateTimeCell dateTime:
                        builder.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"2\"><v>{dateTime.Value.ToOADate().ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        break;
                    case FormattedNumber formatted:
                        var format = formats.IndexOf(formatted.FormatCode);
                        if (format < 0)
                        {
                            format = formats.Count;
                            formats.Add(formatted.FormatCode);
                        }

                        builder.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"{3 + format}\"><v>{formatted.Value.ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        break;
                    case IFormattable number:
                        builder.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{number.ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        break;
                }
            }

            builder.Append("</row>");
        }

        builder.Append("</sheetData></worksheet>");
        return builder.ToString();
    }

    private static string SharedStrings(List<string> strings)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Count}" uniqueCount="{strings.Count}">""");
        foreach (var text in strings)
        {
            var space = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? " xml:space=\"preserve\"" : string.Empty;
            builder.Append(CultureInfo.InvariantCulture, $"<si><t{space}>{SecurityElement.Escape(text)}</t></si>");
        }

        builder.Append("</sst>");
        return builder.ToString();
    }

    /// <summary>Style 0 General, 1 the short date (numFmtId 14), 2 date and time (22), 3 on the custom formats from 164.</summary>
    private static string Styles(List<string> formats)
    {
        var builder = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        if (formats.Count > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<numFmts count=\"{formats.Count}\">");
            for (var i = 0; i < formats.Count; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"<numFmt numFmtId=\"{164 + i}\" formatCode=\"{SecurityElement.Escape(formats[i])}\"/>");
            }

            builder.Append("</numFmts>");
        }

        builder.Append("""<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
        builder.Append(CultureInfo.InvariantCulture, $"<cellXfs count=\"{3 + formats.Count}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"22\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        for (var i = 0; i < formats.Count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<xf numFmtId=\"{164 + i}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        }

        builder.Append("</cellXfs></styleSheet>");
        return builder.ToString();
    }
}
