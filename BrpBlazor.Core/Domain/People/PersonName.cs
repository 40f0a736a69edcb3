using System.Globalization;
using System.Text;

namespace BrpBlazor.Core.Domain.People;

/// <summary>
/// Names as they arrive from people and files: "Märta Nyström", "Nyström, Märta", "  märta  NYSTRÖM ".
/// </summary>
public static class PersonName
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>
    /// A key that is equal for the same name in any order and case: lower-case words sorted.
    /// å, ä and ö are letters of their own in Swedish and are kept.
    /// </summary>
    public static string MatchKey(string name)
    {
        var words = Words(name).Select(w => w.ToLower(Swedish)).Order(StringComparer.Ordinal);
        return string.Join(' ', words);
    }

    /// <summary>Splits a full name into first and last name; "Efternamn, Förnamn" is understood.</summary>
    public static (string FirstName, string LastName) Split(string name)
    {
        var trimmed = Normalise(name);
        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            return (Normalise(trimmed[(comma + 1)..]), Normalise(trimmed[..comma]));
        }

        var lastSpace = trimmed.LastIndexOf(' ');
        return lastSpace < 0 ? (trimmed, string.Empty) : (trimmed[..lastSpace], trimmed[(lastSpace + 1)..]);
    }

    /// <summary>Trims and folds runs of white space to one space.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(part);
        }

        return sb.ToString();
    }

    private static string[] Words(string name) =>
        name.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
