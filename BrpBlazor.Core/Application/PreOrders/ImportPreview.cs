using System.Globalization;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>What an import is for: the organisation, the product and validity every line gets, and the limits.</summary>
public sealed record ImportSettings(int OrganisationId, int ProductId, DateRange Validity)
{
    public const int DefaultMaxFileMegabytes = 25;

    /// <summary>The customer asks for at least 20 MB; the app passes BrpSettings.MaxImportFileMegabytes.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileMegabytes * 1024L * 1024L;

    /// <summary>A guard for memory: the preview keeps every line (docs/decisions/032).</summary>
    public int MaxLines { get; init; } = 200_000;

    /// <summary>The sheet of a workbook to read (0 is the first); ignored for CSV.</summary>
    public int SheetIndex { get; init; }

    /// <summary>Staff's choice when the encoding of an 8-bit file was uncertain.</summary>
    public ImportTextEncoding Encoding { get; init; } = ImportTextEncoding.Automatic;

    /// <summary>The columns as staff chose them when the headings were ambiguous (one per column of the header), or null.</summary>
    public IReadOnlyList<PreOrderFileField>? Columns { get; init; }

    public static long Megabytes(int megabytes) => megabytes * 1024L * 1024L;
}

/// <summary>How to read a CSV file without a byte-order mark that is not UTF-8.</summary>
public enum ImportTextEncoding
{
    Automatic,
    Windows1252,
    MacRoman,
}

public enum ImportLineStatus
{
    Ok,
    Error,
    Duplicate,
}

/// <summary>
/// One line of the file in the preview. <see cref="IdentityText"/> is the personnummer or birth date as typed, shown
/// whole only in the line's details and in the rejected-lines file; the list shows every line masked
/// (<see cref="PersonLabel"/>, domain.md §8).
/// </summary>
public sealed record ImportLine(
    int LineNumber,
    ImportLineStatus Status,
    string? Reason,
    string Name,
    string IdentityText,
    Personnummer? Personnummer,
    DateOnly BirthDate,
    string? Email)
{
    /// <summary>The line as it was in the file (decoded), kept for problem lines so they can be downloaded and fixed.</summary>
    public string? RawText { get; init; }

    /// <summary>The name's match key (accepted lines), kept so confirming need not work it out again.</summary>
    internal string NameKey { get; init; } = string.Empty;

    /// <summary>The line's cells as they were (problem lines), for the rejected-lines workbook.</summary>
    public IReadOnlyList<string>? Cells { get; init; }

    /// <summary>Harmless damage that was cleaned away, or a reading staff accepted, said on the line (docs/decisions/112).</summary>
    public string? Note { get; init; }

    /// <summary>What a number that lost its leading zero probably was; stored only when staff accept it.</summary>
    public Personnummer? SuggestedPersonnummer { get; init; }

    /// <summary>What the preview's Orsak column shows: the reason of a problem line, the note of an accepted one.</summary>
    public string? Remark => Reason ?? Note;

    /// <summary>
    /// For lists: the parsed personnummer masked (YYYYMMDD-••••), a birth date as it is, and a problem line's text as
    /// typed with its last four digits masked when it holds more digits than a birth date ("791102-••••").
    /// </summary>
    public string PersonLabel => Personnummer is { } personnummer
        ? personnummer.Masked
        : Status == ImportLineStatus.Error ? MaskTyped(IdentityText) : BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>For the line's own details: the personnummer whole (or as typed on an error line), or the birth date.</summary>
    public string WholeIdentity => Personnummer is { } personnummer
        ? personnummer.Formatted
        : Status == ImportLineStatus.Error ? IdentityText : BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MaskTyped(string typed)
    {
        const int BirthDateDigits = 8;
        if (typed.Count(char.IsAsciiDigit) <= BirthDateDigits)
        {
            return typed;
        }

        var masked = typed.ToCharArray();
        for (int i = masked.Length - 1, left = 4; i >= 0 && left > 0; i--)
        {
            if (char.IsAsciiDigit(masked[i]))
            {
                masked[i] = '•';
                left--;
            }
        }

        return new string(masked);
    }
}

/// <summary>A page of preview lines and how many there are in all (for the pager).</summary>
public sealed record ImportLinePage(IReadOnlyList<ImportLine> Lines, int TotalCount);

/// <summary>What confirming stored.</summary>
public sealed record ImportOutcome(int ImportBatchId, int Stored, int SkippedAsExisting);

/// <summary>
/// The preview of one file, before anything is saved: counts and every line with its status and reason, problem lines
/// first. Confirming it stores the accepted lines (<see cref="PreOrderImport.ConfirmAsync"/>).
/// </summary>
public sealed class ImportPreview
{
    private readonly List<ImportLine> problems;
    private readonly List<ImportLine> accepted;
    private List<ImportLine>? errors;
    private List<ImportLine>? duplicates;
    private readonly PersonKeyIndex<int>? inFile;
    private readonly PersonKeyIndex<int>? existing;

    internal ImportPreview(
        string fileName, ImportSettings settings, string organisationName, string productName, string encodingName, char separator, bool hadHeader,
        List<ImportLine> problems, List<ImportLine> accepted)
    {
        FileName = fileName;
        Settings = settings;
        OrganisationName = organisationName;
        ProductName = productName;
        EncodingName = encodingName;
        Separator = separator;
        HadHeader = hadHeader;
        this.problems = problems;
        this.accepted = accepted;
        Count();
    }

    internal ImportPreview(string fileName, ImportSettings settings, PreOrderTarget target, ImportFile file, ParsedImport parsed, PersonKeyIndex<int> existing)
        : this(fileName, settings, target.OrganisationName, target.ProductName, file.EncodingName, parsed.Separator, parsed.Columns.FromHeader, parsed.Problems, parsed.Accepted)
    {
        IsWorkbook = file.Kind != ImportFileKind.Text;
        EncodingUncertain = file.EncodingUncertain;
        ColumnMap = parsed.Columns;
        HeaderCells = parsed.HeaderCells;
        HeaderText = parsed.HeaderText;
        SheetNames = parsed.SheetNames;
        SheetIndex = parsed.SheetIndex;
        inFile = parsed.InFile;
        this.existing = parsed.InFile is null ? null : existing;
    }

    /// <summary>The file is an Excel workbook (its sheet was read), not CSV.</summary>
    public bool IsWorkbook { get; }

    /// <summary>The encoding was a guess between Windows-1252 and Mac Roman: the preview offers the choice.</summary>
    public bool EncodingUncertain { get; }

    /// <summary>Which column held what; the documented order for a file without headings.</summary>
    public ImportColumnMap ColumnMap { get; } = ImportColumnMap.Documented;

    /// <summary>The headings were ambiguous: staff choose the columns (<see cref="ImportSettings.Columns"/>) and nothing was read yet.</summary>
    public bool NeedsColumnChoice => ColumnMap.Ambiguity is not null;

    /// <summary>The file's header line (cells and text), kept for the rejected-lines files; null without a header.</summary>
    public IReadOnlyList<string>? HeaderCells { get; }

    public string? HeaderText { get; }

    /// <summary>The workbook's sheets (empty for CSV) and the one that was read.</summary>
    public IReadOnlyList<string> SheetNames { get; } = [];

    public int SheetIndex { get; }

    /// <summary>Problem lines whose personnummer probably lost its leading zero, waiting for staff to accept the reading.</summary>
    public int SuggestionCount { get; private set; }

    /// <summary>How many readings staff accepted (said in the audit entry).</summary>
    public int AcceptedSuggestionCount { get; private set; }

    public string FileName { get; }

    public ImportSettings Settings { get; }

    /// <summary>
    /// Whether this preview was read for the product and validity the page shows now: a preview read for other
    /// choices must not be confirmed, since confirming stores <see cref="Settings"/> (docs/decisions/064).
    /// </summary>
    public bool IsFor(int organisationId, int? productId, DateRange? validity) =>
        Settings.OrganisationId == organisationId && Settings.ProductId == productId && Settings.Validity == validity;

    public string OrganisationName { get; }

    public string ProductName { get; }

    /// <summary>The detected encoding in words ("Windows-1252", "UTF-8 med BOM" …).</summary>
    public string EncodingName { get; }

    /// <summary>The text encoding the file was read with, for the encoding choice (a workbook reads as Windows-1252 here).</summary>
    public ImportTextEncoding TextEncoding => EncodingName == ImportFile.MacRomanName ? ImportTextEncoding.MacRoman : ImportTextEncoding.Windows1252;

    public char Separator { get; }

    public string SeparatorName => Separator switch
    {
        ',' => "komma",
        ';' => "semikolon",
        '\t' => "tabb",
        _ => Separator.ToString(),
    };

    public bool HadHeader { get; }

    public int OkCount => accepted.Count;

    public int ErrorCount { get; private set; }

    public int DuplicateCount { get; private set; }

    public int TotalLines => OkCount + ErrorCount + DuplicateCount;

    public int ProblemCount => problems.Count;

    /// <summary>Lines that will be stored on confirm.</summary>
    public IReadOnlyList<ImportLine> AcceptedLines => accepted;

    /// <summary>Errors and duplicates, in file order.</summary>
    public IReadOnlyList<ImportLine> ProblemLines => problems;

    /// <summary>Set once the preview is confirmed; a preview is stored at most once.</summary>
    public ImportOutcome? Outcome { get; private set; }

    /// <summary>A page of lines, problem lines first; <paramref name="status"/> narrows to one status.</summary>
    public ImportLinePage Page(ImportLineStatus? status, int skip, int take)
    {
        skip = Math.Max(0, skip);
        take = Math.Max(0, take);
        if (status is null)
        {
            var total = problems.Count + accepted.Count;
            var lines = new List<ImportLine>(Math.Min(take, Math.Max(0, total - skip)));
            for (var i = skip; i < total && lines.Count < take; i++)
            {
                lines.Add(i < problems.Count ? problems[i] : accepted[i - problems.Count]);
            }

            return new ImportLinePage(lines, total);
        }

        var source = status switch
        {
            ImportLineStatus.Ok => accepted,
            ImportLineStatus.Error => errors ??= problems.Where(l => l.Status == ImportLineStatus.Error).ToList(),
            _ => duplicates ??= problems.Where(l => l.Status == ImportLineStatus.Duplicate).ToList(),
        };
        return new ImportLinePage(source.Skip(skip).Take(take).ToList(), source.Count);
    }

    internal void MarkConfirmed(ImportOutcome outcome) => Outcome = outcome;

    /// <summary>
    /// Staff accept the probable personnummer of a line that lost its leading zero: it is checked as any line is (an
    /// open pre-order or an earlier line for the same person makes it a duplicate) and, if it passes, will be stored.
    /// Returns the line as it is now, or null when the line has no reading to accept (docs/decisions/112).
    /// </summary>
    public ImportLine? AcceptSuggestion(int lineNumber)
    {
        var index = problems.FindIndex(l => l.LineNumber == lineNumber && l.SuggestedPersonnummer is not null);
        if (index < 0 || Outcome is not null || inFile is null || existing is null)
        {
            return null;
        }

        var line = problems[index];
        var personnummer = line.SuggestedPersonnummer!.Value;
        var note = $"Godkänd tolkning: {personnummer.Masked} (Excel hade tagit bort nollan först)";
        ImportLine now;
        if (existing.TryFind(personnummer, personnummer.BirthDate, line.NameKey, out _))
        {
            now = line with { Status = ImportLineStatus.Duplicate, Reason = PreOrderRules.ExistsForPerson.Message, Note = note, SuggestedPersonnummer = null, Personnummer = personnummer, BirthDate = personnummer.BirthDate };
            problems[index] = now;
        }
        else if (inFile.TryFind(personnummer, personnummer.BirthDate, line.NameKey, out var first))
        {
            now = line with { Status = ImportLineStatus.Duplicate, Reason = $"Samma person på rad {first}", Note = note, SuggestedPersonnummer = null, Personnummer = personnummer, BirthDate = personnummer.BirthDate };
            problems[index] = now;
        }
        else
        {
            inFile.Add(personnummer, personnummer.BirthDate, line.NameKey, line.LineNumber);
            now = line with
            {
                Status = ImportLineStatus.Ok, Reason = null, Note = note, SuggestedPersonnummer = null, Personnummer = personnummer,
                BirthDate = personnummer.BirthDate, IdentityText = string.Empty, RawText = null, Cells = null,
            };
            problems.RemoveAt(index);
            accepted.Add(now);
        }

        AcceptedSuggestionCount++;
        Count();
        return now;
    }

    /// <summary>Accepts every waiting reading, in file order; returns how many lines that made ok.</summary>
    public int AcceptAllSuggestions()
    {
        var before = OkCount;
        foreach (var lineNumber in problems.Where(l => l.SuggestedPersonnummer is not null).Select(l => l.LineNumber).ToList())
        {
            AcceptSuggestion(lineNumber);
        }

        return OkCount - before;
    }

    private void Count()
    {
        ErrorCount = problems.Count(l => l.Status == ImportLineStatus.Error);
        DuplicateCount = problems.Count - ErrorCount;
        SuggestionCount = problems.Count(l => l.SuggestedPersonnummer is not null);
        errors = null;
        duplicates = null;
    }
}
