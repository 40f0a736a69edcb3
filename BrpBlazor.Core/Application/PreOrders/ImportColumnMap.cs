namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>One column of the file as the import reads it: its heading (empty without a header), what it holds, and whether that was guessed.</summary>
public sealed record ImportColumn(int Index, string Heading, PreOrderFileField Field, bool Guessed = false);

/// <summary>
/// Which column holds what (docs/decisions/111): from the file's headings in any order, from the documented order when
/// the file has none, or as staff chose it when the headings were ambiguous. Columns the import does not use are kept
/// so the preview can say so.
/// </summary>
public sealed class ImportColumnMap
{
    private readonly Dictionary<PreOrderFileField, int> indexOf;

    private ImportColumnMap(IReadOnlyList<ImportColumn> columns, bool fromHeader, string? ambiguity)
    {
        Columns = columns;
        FromHeader = fromHeader;
        Ambiguity = ambiguity;
        indexOf = columns
            .Where(c => c.Field is not (PreOrderFileField.Ignored or PreOrderFileField.Reason))
            .GroupBy(c => c.Field)
            .ToDictionary(g => g.Key, g => g.First().Index);
    }

    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The first line was a header and is not a pre-order.</summary>
    public bool FromHeader { get; }

    /// <summary>Why staff must choose the columns before the preview (null when the headings were clear).</summary>
    public string? Ambiguity { get; }

    /// <summary>Headings of columns that are not used (not the Orsak column of our own rejected-lines file).</summary>
    public IReadOnlyList<string> IgnoredHeadings => Columns.Where(c => c.Field == PreOrderFileField.Ignored && c.Heading.Length > 0).Select(c => c.Heading).ToList();

    /// <summary>Headings read from words that only hold a known heading ("E-post arbete" as E-postadress).</summary>
    public IReadOnlyList<ImportColumn> GuessedColumns => Columns.Where(c => c.Guessed).ToList();

    internal static ImportColumnMap Documented { get; } = new(
        PreOrderFileSchema.DocumentedOrder.Select((c, i) => new ImportColumn(i, string.Empty, c.Field)).ToList(), false, null);

    /// <summary>Names, identity, e-mail present: something to read a line with.</summary>
    internal string? Missing
    {
        get
        {
            var hasName = Has(PreOrderFileField.Name) || Has(PreOrderFileField.FirstName) || Has(PreOrderFileField.LastName);
            var hasIdentity = Has(PreOrderFileField.Identity) || Has(PreOrderFileField.Personnummer) || Has(PreOrderFileField.BirthDate);
            return (hasName, hasIdentity) switch
            {
                (false, false) => "namn och personnummer eller födelsedatum",
                (false, true) => "namn",
                (true, false) => "personnummer eller födelsedatum",
                _ => null,
            };
        }
    }

    /// <summary>
    /// The columns named by a first line, or null when it is not a header: a header holds nothing shaped like data,
    /// and one known heading or two that hold one. Exact headings win; a heading that only holds a known one is used when it
    /// is the only candidate. Two columns for one thing, a name both whole and split, or a missing name or
    /// personnummer column beside columns we cannot name, make the map ambiguous: staff choose.
    /// </summary>
    internal static ImportColumnMap? FromHeaderRow(IReadOnlyList<string> cells)
    {
        // A cell shaped like data (a personnummer, a mistyped one, an e-mail address) makes the line data; so does a
        // line with no exact heading and fewer than two that hold one ("Mail Person" is a name).
        const int DigitsOfData = 6;
        if (cells.Any(c => PersonIdentity.LooksLikeIdentity(c) || c.Contains('@', StringComparison.Ordinal) || c.Count(char.IsAsciiDigit) >= DigitsOfData)
            || !(cells.Any(c => PreOrderFileSchema.Exact(c) is not null) || cells.Count(c => PreOrderFileSchema.Partial(c) is not null) >= 2))
        {
            return null;
        }

        var exact = cells.Select(c => PreOrderFileSchema.Exact(c)?.Field).ToList();
        var partial = cells.Select((c, i) => exact[i] is null ? PreOrderFileSchema.Partial(c)?.Field : null).ToList();
        var columns = new List<ImportColumn>(cells.Count);
        string? ambiguity = null;
        for (var i = 0; i < cells.Count; i++)
        {
            var heading = cells[i].Trim();
            if (exact[i] is { } field)
            {
                columns.Add(new ImportColumn(i, heading, field));
                if (field != PreOrderFileField.Reason && exact.Count(f => f == field) > 1)
                {
                    ambiguity ??= $"Flera kolumner heter {PreOrderFileSchema.Label(field)}.";
                }
            }
            else if (partial[i] is { } guess && guess != PreOrderFileField.Reason && !exact.Contains(guess))
            {
                columns.Add(new ImportColumn(i, heading, guess, Guessed: true));
                if (partial.Count(f => f == guess) > 1)
                {
                    ambiguity ??= $"Flera kolumner kan vara {PreOrderFileSchema.Label(guess)}.";
                }
            }
            else
            {
                columns.Add(new ImportColumn(i, heading, PreOrderFileField.Ignored));
            }
        }

        var map = new ImportColumnMap(columns, true, null);
        if (ambiguity is null && map.Has(PreOrderFileField.Name) && (map.Has(PreOrderFileField.FirstName) || map.Has(PreOrderFileField.LastName)))
        {
            ambiguity = "Filen har både en kolumn för hela namnet och en för för- eller efternamn.";
        }

        if (ambiguity is null && map.Missing is { } missing && columns.Any(c => c.Field == PreOrderFileField.Ignored && c.Heading.Length > 0))
        {
            ambiguity = $"Ingen rubrik säger vilken kolumn som har {missing}.";
        }

        return ambiguity is null ? map : new ImportColumnMap(columns, true, ambiguity);
    }

    /// <summary>The columns as staff chose them for a file with a header (the headings are the file's first line).</summary>
    internal static ImportColumnMap Chosen(IReadOnlyList<string> headings, IReadOnlyList<PreOrderFileField> fields) => new(
        headings.Select((h, i) => new ImportColumn(i, h.Trim(), i < fields.Count ? fields[i] : PreOrderFileField.Ignored)).ToList(), true, null);

    internal int IndexOf(PreOrderFileField field) => indexOf.GetValueOrDefault(field, -1);

    internal bool Has(PreOrderFileField field) => indexOf.ContainsKey(field);
}
