using System.Globalization;
using System.Text;
using BrpBlazor.Core.Domain.PreOrders;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>What a column of a pre-order file holds.</summary>
public enum PreOrderFileField
{
    /// <summary>A column the import does not use (said in the preview).</summary>
    Ignored,
    Name,
    FirstName,
    LastName,

    /// <summary>Personnummer or birth date in one column: the documented order's second column.</summary>
    Identity,
    Personnummer,
    BirthDate,
    Email,

    /// <summary>The Orsak column of a downloaded rejected-lines file: passed over without a word.</summary>
    Reason,
}

/// <summary>
/// One column of a pre-order file: its heading as we write it, the headings people write that mean it (Swedish first,
/// compared without case, spaces, punctuation or å/ä/ö marks), and the words staff read in the column mapping.
/// </summary>
public sealed record PreOrderFileColumn(PreOrderFileField Field, string Heading, IReadOnlyList<string> Headings)
{
    internal IReadOnlyList<string> Keys { get; } = Headings.Select(PreOrderFileSchema.Key).Distinct().ToList();
}

/// <summary>
/// The one declared file schema of pre-order lists (docs/decisions/111): the columns and the headings that name them
/// (header detection and the column mapping), the documented order of a file without headings (the parser), the
/// rejected-lines file's header, the export's first columns and the pre-order columns that the bulk insert writes for
/// every line. A new column is added here.
/// </summary>
public static class PreOrderFileSchema
{
    public static readonly PreOrderFileColumn Name = new(
        PreOrderFileField.Name, "Namn",
        ["Namn", "Name", "Fullständigt namn", "För- och efternamn", "Förnamn och efternamn", "Namn (för- och efternamn)", "Full name", "Anställd", "Medarbetare"]);

    public static readonly PreOrderFileColumn FirstName = new(PreOrderFileField.FirstName, "Förnamn", ["Förnamn", "Tilltalsnamn", "First name", "Firstname"]);

    public static readonly PreOrderFileColumn LastName = new(PreOrderFileField.LastName, "Efternamn", ["Efternamn", "Last name", "Lastname", "Surname"]);

    public static readonly PreOrderFileColumn Identity = new(
        PreOrderFileField.Identity, "Personnummer eller födelsedatum",
        ["Personnummer eller födelsedatum", "Personnummer/födelsedatum", "Pnr eller födelsedatum", "Pnr/födelsedatum", "Personnummer (eller födelsedatum)"]);

    public static readonly PreOrderFileColumn Personnummer = new(
        PreOrderFileField.Personnummer, "Personnummer",
        ["Personnummer", "Pnr", "Personnr", "Person nr", "Pers.nr", "Personnummer (ÅÅÅÅMMDD-NNNN)", "Personnummer (ÅÅMMDD-NNNN)", "Samordningsnummer", "Personnummer/samordningsnummer", "Personal identity number"]);

    public static readonly PreOrderFileColumn BirthDate = new(
        PreOrderFileField.BirthDate, "Födelsedatum", ["Födelsedatum", "Född", "Födelsedag", "Födelsedatum (ÅÅÅÅ-MM-DD)", "Birth date", "Date of birth"]);

    public static readonly PreOrderFileColumn Email = new(
        PreOrderFileField.Email, "E-postadress", ["E-postadress", "E-post", "Epost", "Mail", "Mailadress", "Mejl", "Mejladress", "E-mail", "Email", "E-mailadress"]);

    public static readonly PreOrderFileColumn Reason = new(PreOrderFileField.Reason, "Orsak", ["Orsak"]);

    /// <summary>Every column the import recognises.</summary>
    public static readonly IReadOnlyList<PreOrderFileColumn> Columns = [Name, FirstName, LastName, Identity, Personnummer, BirthDate, Email, Reason];

    /// <summary>The documented order of a file without headings: <c>namn, personnummer eller födelsedatum, e-postadress</c>.</summary>
    public static readonly IReadOnlyList<PreOrderFileColumn> DocumentedOrder = [Name, Identity, Email];

    /// <summary>The rejected-lines file's header for a file without headings: the documented order, then Orsak.</summary>
    public static IReadOnlyList<string> RejectedHeader { get; } = [.. DocumentedOrder.Select(c => c.Heading), Reason.Heading];

    /// <summary>The export's person columns (the rest of the export describes the pre-order, not the file).</summary>
    public static readonly IReadOnlyList<PreOrderFileColumn> ExportColumns = [Name, Personnummer, BirthDate, Email];

    /// <summary>The export's person fields of one pre-order, in <see cref="ExportColumns"/> order.</summary>
    public static IEnumerable<string?> ExportFields(PreOrder p) =>
        ExportColumns.Select(c => c.Field switch
        {
            PreOrderFileField.Name => p.Name,
            PreOrderFileField.Personnummer => p.Personnummer?.Formatted,
            PreOrderFileField.BirthDate => p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PreOrderFileField.Email => p.Email,
            _ => throw new InvalidOperationException($"No export for {c.Field}."),
        });

    /// <summary>
    /// The pre-order columns that come from each line of a file, in the bulk insert's order, with the text the
    /// insert writes (EF's own form: 12 digits, <c>yyyy-MM-dd</c>). The other columns are the same for a whole import.
    /// </summary>
    internal static readonly IReadOnlyList<(string Property, Func<PreOrder, string?> Value)> StoredPerLine =
    [
        (nameof(PreOrder.Name), p => p.Name),
        (nameof(PreOrder.NameKey), p => p.NameKey),
        (nameof(PreOrder.Personnummer), p => p.Personnummer?.Value),
        (nameof(PreOrder.BirthDate), p => p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        (nameof(PreOrder.Email), p => p.Email),
    ];

    /// <summary>The words staff choose between in the column mapping.</summary>
    public static string Label(PreOrderFileField field) => field switch
    {
        PreOrderFileField.Ignored => "Används inte",
        PreOrderFileField.Reason => "Orsak (används inte)",
        _ => Columns.Single(c => c.Field == field).Heading,
    };

    /// <summary>The column a heading names exactly (any written form), or null.</summary>
    public static PreOrderFileColumn? Exact(string heading)
    {
        var key = Key(heading);
        return key.Length == 0 ? null : Columns.FirstOrDefault(c => c.Keys.Contains(key));
    }

    /// <summary>
    /// The column a heading probably names: it holds one of the known headings ("E-post arbete", "Mail privat"),
    /// the longest match winning ("Förnamn (tilltal)" is a first name, not a name). Used only when no heading names
    /// the column exactly, and the preview shows the reading.
    /// </summary>
    public static PreOrderFileColumn? Partial(string heading)
    {
        var key = Key(heading);
        const int ShortestWord = 3;
        return Columns
            .SelectMany(c => c.Keys.Where(k => k.Length >= ShortestWord && key.Contains(k, StringComparison.Ordinal)).Select(k => (Column: c, k.Length)))
            .OrderByDescending(m => m.Length)
            .Select(m => m.Column)
            .FirstOrDefault();
    }

    /// <summary>"E-post", "e post", "EPOST:" and "Epost" are one key; so are "Födelsedatum" and "Fodelsedatum".</summary>
    internal static string Key(string heading)
    {
        var builder = new StringBuilder(heading.Length);
        foreach (var c in heading.ToLower(CultureInfo.GetCultureInfo("sv-SE")))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c switch
                {
                    'å' or 'ä' or 'à' or 'á' => 'a',
                    'ö' or 'ø' => 'o',
                    'é' or 'è' => 'e',
                    'ü' => 'u',
                    _ => c,
                });
            }
        }

        return builder.ToString();
    }
}
