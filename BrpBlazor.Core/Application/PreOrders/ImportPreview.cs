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

    public static long Megabytes(int megabytes) => megabytes * 1024L * 1024L;
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
        ErrorCount = problems.Count(l => l.Status == ImportLineStatus.Error);
        DuplicateCount = problems.Count - ErrorCount;
    }

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

    public int ErrorCount { get; }

    public int DuplicateCount { get; }

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
}
