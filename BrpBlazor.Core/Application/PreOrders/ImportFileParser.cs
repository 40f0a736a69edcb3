using System.Globalization;
using System.Text;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using CsvHelper;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// The lines of one checked file, sorted into problems and accepted lines, with the columns it was read by. When the
/// headings were ambiguous (<see cref="ImportColumnMap.Ambiguity"/>) no line was read: staff choose the columns first.
/// </summary>
internal sealed record ParsedImport(char Separator, ImportColumnMap Columns, List<ImportLine> Problems, List<ImportLine> Accepted)
{
    /// <summary>The header line's cells and text, for the rejected-lines files.</summary>
    public IReadOnlyList<string>? HeaderCells { get; init; }

    public string? HeaderText { get; init; }

    /// <summary>The people of the accepted lines, so an accepted suggestion is checked against them (docs/decisions/112).</summary>
    public PersonKeyIndex<int>? InFile { get; init; }

    public IReadOnlyList<string> SheetNames { get; init; } = [];

    public int SheetIndex { get; init; }
}

/// <summary>
/// Reads a pre-order file line by line — a CSV file with CsvHelper, a workbook's sheet with ExcelDataReader — and checks
/// every line (no database: the open pre-orders that make a line a duplicate are handed in). Columns are found by their
/// headings in any order (<see cref="ImportColumnMap"/>), or by the documented order <c>namn, personnummer eller
/// födelsedatum, e-postadress</c> without a header; blank lines are passed over, unused columns (such as the Orsak
/// column of a downloaded rejected-lines file) ignored. What Excel did to a personnummer is named on its line
/// (<see cref="ExcelDamage"/>).
/// </summary>
internal static class ImportFileParser
{
    public static readonly Error NoLines = new("import.nolines", "Filen innehåller inga rader att importera.");
    public static readonly Error NotAPreOrderList = new(
        "import.notpreorders",
        "Ingen rad i filen ser ut som en förbeställning. Varje rad ska innehålla namn, personnummer eller födelsedatum och e-postadress, i den ordningen, eller ha en rubrikrad som säger vilken kolumn som är vilken.");

    public static readonly Error LineTooLong = new(
        "import.linetoolong", "Filen har en rad som är längre än 1 MB. Det är inte en lista med förbeställningar; välj en CSV-fil med en rad per person.");

    /// <summary>A line of a pre-order list is well under a kilobyte; this guards against a file that is one huge "line".</summary>
    private const int MaxRecordBytes = 1024 * 1024;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static Error TooManyLines(int max) =>
        new("import.toomanylines", $"Filen har fler än {max.ToString("N0", Swedish)} rader. Dela upp den i flera filer.");

    public static Error MissingColumns(string missing) =>
        new("import.columns", $"Filen saknar en kolumn med {missing}. Lägg till den (med en rubrik, till exempel Personnummer) och välj filen igen.");

    public static Error ChosenColumnsMissing(string missing) =>
        new("import.columns.chosen", $"Välj vilken kolumn som har {missing}.");

    public static Task<Result<ParsedImport>> ParseAsync(
        ImportFile file, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(file.Kind == ImportFileKind.Text
                ? ReadCsv(file, settings, today, existing, cancellationToken)
                : ReadWorkbook(file, settings, today, existing, cancellationToken));
        }
        catch (CsvFormatException)
        {
            // With unbalanced quotes recovered line by line, the reader throws only for a record over MaxRecordSize.
            return Task.FromResult<Result<ParsedImport>>(LineTooLong);
        }
        catch (InvalidDataException)
        {
            return Task.FromResult<Result<ParsedImport>>(WorkbookRows.Damaged);
        }
    }

    private static Result<ParsedImport> ReadCsv(
        ImportFile file, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Encoding = file.Encoding,
            Separator = null,
            DetectSeparatorHint = true,
            HasHeader = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,

            // Names never hold line breaks; with this off, one unbalanced quote cannot swallow the rest of the file.
            AllowLineBreaksInQuotes = false,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,

            // Values are personal data: keep them out of exception messages (and so out of logs).
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.Create(file.Content, options, leaveOpen: true);
        return Check(CsvRows(reader), () => reader.Separator, csv: true, settings, today, existing, cancellationToken);
    }

    private static IEnumerable<ImportRow> CsvRows(CsvReader reader)
    {
        while (reader.Read())
        {
            var cells = new ImportCell[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new ImportCell(reader.GetString(i));
            }

            yield return new ImportRow((int)reader.LineNumber, cells, Encoding.UTF8.GetString(reader.RawRecord));
        }
    }

    private static Result<ParsedImport> ReadWorkbook(
        ImportFile file, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, CancellationToken cancellationToken)
    {
        if (file.Kind == ImportFileKind.OpenXmlWorkbook && WorkbookRows.CheckPackage(file.Content, cancellationToken) is { } refused)
        {
            return refused;
        }

        var opened = WorkbookRows.Open(file.Content);
        if (!opened.IsSuccess)
        {
            return Result<ParsedImport>.Failure(opened.Errors);
        }

        using var workbook = opened.Value;
        var sheet = settings.SheetIndex > 0 && settings.SheetIndex < workbook.SheetNames.Count ? settings.SheetIndex : workbook.DefaultSheet;
        var parsed = Check(workbook.Rows(sheet), () => ';', csv: false, settings, today, existing, cancellationToken);
        return parsed.IsSuccess ? parsed.Value with { SheetNames = workbook.SheetNames, SheetIndex = sheet } : parsed;
    }

    private static Result<ParsedImport> Check(
        IEnumerable<ImportRow> rows, Func<char> separator, bool csv, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing,
        CancellationToken cancellationToken)
    {
        var problems = new List<ImportLine>();
        var accepted = new List<ImportLine>();
        var inFile = new PersonKeyIndex<int>();
        ImportColumnMap? map = null;
        ImportRow? header = null;
        var dataLines = 0;
        var identityShaped = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c.Text)))
            {
                continue;
            }

            if (map is null)
            {
                var texts = row.Cells.Select(c => c.Text).ToList();
                var fromHeader = settings.Columns is { } chosen ? ImportColumnMap.Chosen(texts, chosen) : ImportColumnMap.FromHeaderRow(texts);
                if (fromHeader is not null)
                {
                    if (fromHeader.Ambiguity is not null)
                    {
                        return new ParsedImport(separator(), fromHeader, [], []) { HeaderCells = texts, HeaderText = row.RawText };
                    }

                    if (fromHeader.Missing is { } missing)
                    {
                        return settings.Columns is null ? MissingColumns(missing) : ChosenColumnsMissing(missing);
                    }

                    map = fromHeader;
                    header = row;
                    continue;
                }

                map = ImportColumnMap.Documented;
            }

            if (++dataLines > settings.MaxLines)
            {
                return TooManyLines(settings.MaxLines);
            }

            var line = Read(row, map, csv, settings, today, existing, inFile, separator, out var shaped);
            if (shaped)
            {
                identityShaped++;
            }

            (line.Status == ImportLineStatus.Ok ? accepted : problems).Add(line);
        }

        if (dataLines == 0)
        {
            return NoLines;
        }

        if (identityShaped == 0 && !(map?.FromHeader ?? false))
        {
            return NotAPreOrderList;
        }

        var suggestions = problems.Any(l => l.SuggestedPersonnummer is not null);
        return new ParsedImport(separator(), map!, problems, accepted)
        {
            HeaderCells = header?.Cells.Select(c => c.Text).ToList(),
            HeaderText = header?.RawText,
            InFile = suggestions ? inFile : null,
        };
    }

    private static ImportLine Read(
        ImportRow row, ImportColumnMap map, bool csv, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing,
        PersonKeyIndex<int> inFile, Func<char> separator, out bool identityShaped)
    {
        var cells = row.Cells;
        var name = map.Has(PreOrderFileField.Name)
            ? Text(cells, map.IndexOf(PreOrderFileField.Name))
            : $"{Text(cells, map.IndexOf(PreOrderFileField.FirstName))} {Text(cells, map.IndexOf(PreOrderFileField.LastName))}".Trim();
        var identityCell = IdentityCell(cells, map);
        var email = Text(cells, map.IndexOf(PreOrderFileField.Email));
        var typed = identityCell.Text.Trim();

        // "Jönsson, Karl,19660119-7301,…" in a comma file: the name was split. Say so instead of "wrong personnummer".
        if (csv && map == ImportColumnMap.Documented && cells.Count >= 4
            && !PersonIdentity.LooksLikeIdentity(typed) && PersonIdentity.LooksLikeIdentity(email))
        {
            identityShaped = true;
            return new ImportLine(row.LineNumber, ImportLineStatus.Error, NameHoldsSeparator(separator()), name, typed, null, default, null) { RawText = row.RawText, Cells = Texts(cells) };
        }

        var reading = ExcelDamage.Read(identityCell, today);
        identityShaped = PersonIdentity.LooksLikeIdentity(reading.Text) || reading.Problem is not null;
        if (reading.Problem is not null)
        {
            return Suggest(row, reading, name, typed, email, settings, today);
        }

        var identityOk = PersonIdentity.TryParse(reading.Text, today, out var identity, out var identityError);
        var draft = new PreOrderDraft(
            settings.OrganisationId, settings.ProductId, settings.Validity, name, identity.Personnummer, identity.BirthDate, email);
        var errors = draft.Validate();
        if (errors.Count > 0 || !identityOk)
        {
            // Without a parsed identity the draft reports it missing; the parser's reason is the precise one.
            var reasons = errors.Select(e => e.Code == PersonIdentity.Missing.Code && identityError is not null ? identityError.Message : e.Message);
            return new ImportLine(row.LineNumber, ImportLineStatus.Error, string.Join("; ", reasons), name, typed, null, default, NullIfEmpty(email))
            {
                RawText = row.RawText,
                Cells = Texts(cells),
                Note = reading.Note,
            };
        }

        var nameKey = PersonName.MatchKey(name);
        if (existing.TryFind(identity.Personnummer, identity.BirthDate, nameKey, out _))
        {
            return new ImportLine(
                row.LineNumber, ImportLineStatus.Duplicate, PreOrderRules.ExistsForPerson.Message, name, typed, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
            {
                RawText = row.RawText,
                Cells = Texts(cells),
            };
        }

        if (inFile.TryFind(identity.Personnummer, identity.BirthDate, nameKey, out var firstLine))
        {
            return new ImportLine(
                row.LineNumber, ImportLineStatus.Duplicate, $"Samma person på rad {firstLine}", name, typed, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
            {
                RawText = row.RawText,
                Cells = Texts(cells),
            };
        }

        inFile.Add(identity.Personnummer, identity.BirthDate, nameKey, row.LineNumber);
        return new ImportLine(row.LineNumber, ImportLineStatus.Ok, null, name, string.Empty, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
        {
            NameKey = nameKey,
            Note = reading.Note,
        };
    }

    /// <summary>
    /// A line Excel damaged. When the number probably lost its leading zero and the rest of the line is right, the
    /// probable personnummer goes with the line, for staff to accept; it is not stored until they do.
    /// </summary>
    private static ImportLine Suggest(ImportRow row, IdentityReading reading, string name, string typed, string email, ImportSettings settings, DateOnly today)
    {
        var reason = reading.Problem!;
        Personnummer? suggested = null;
        var nameKey = string.Empty;
        if (reading.Suggested is { } text && Personnummer.TryParse(text, today, out var probable, out _))
        {
            var draft = new PreOrderDraft(settings.OrganisationId, settings.ProductId, settings.Validity, name, probable, probable.BirthDate, email);
            var errors = draft.Validate();
            if (errors.Count == 0)
            {
                suggested = probable;
                nameKey = PersonName.MatchKey(name);
            }
            else
            {
                reason = string.Join("; ", errors.Select(e => e.Message).Prepend(reason));
            }
        }

        return new ImportLine(row.LineNumber, ImportLineStatus.Error, reason, name, typed, null, default, NullIfEmpty(email))
        {
            RawText = row.RawText,
            Cells = Texts(row.Cells),
            Note = reading.Note,
            SuggestedPersonnummer = suggested,
            NameKey = nameKey,
        };
    }

    /// <summary>A personnummer column wins over a birth-date column; a line with neither falls back to the one-column identity.</summary>
    private static ImportCell IdentityCell(IReadOnlyList<ImportCell> cells, ImportColumnMap map)
    {
        foreach (var field in (ReadOnlySpan<PreOrderFileField>)[PreOrderFileField.Personnummer, PreOrderFileField.BirthDate, PreOrderFileField.Identity])
        {
            var index = map.IndexOf(field);
            if (index >= 0 && index < cells.Count && !string.IsNullOrWhiteSpace(cells[index].Text))
            {
                return cells[index];
            }
        }

        return ImportCell.Empty;
    }

    private static string NameHoldsSeparator(char separator) => separator switch
    {
        ',' => "Namnet innehåller ett kommatecken: sätt namnet inom citattecken (\"Jönsson, Karl\")",
        ';' => "Namnet innehåller ett semikolon: sätt namnet inom citattecken",
        _ => "Raden har för många fält: namnet innehåller avgränsaren",
    };

    private static string Text(IReadOnlyList<ImportCell> cells, int index) =>
        index >= 0 && index < cells.Count ? cells[index].Text.Trim() : string.Empty;

    private static string[] Texts(IReadOnlyList<ImportCell> cells) => cells.Select(c => c.Text).ToArray();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
