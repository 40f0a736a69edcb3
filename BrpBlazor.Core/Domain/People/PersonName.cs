using System.Globalization;
using System.Text;

namespace BrpBlazor.Core.Domain.People;

/// <summary>
/// Names as they arrive from people and files: "Märta Nyström", "Nyström, Märta", "  märta  NYSTRÖM ".
/// </summary>
/// <remarks>
/// An import checks a name on every line, so <see cref="MatchKey"/> and <see cref="Normalise"/> work on the stack and
/// allocate only the string they return (docs/decisions/051); the results are the same as the plain definitions.
/// </remarks>
public static class PersonName
{
    /// <summary>Names longer than this (never seen in practice) take the plain, allocating path.</summary>
    private const int StackLimit = 256;

    private const int MaxWordsOnStack = 32;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>
    /// A key that is equal for the same name in any order and case: lower-case words sorted.
    /// å, ä and ö are letters of their own in Swedish and are kept.
    /// </summary>
    public static string MatchKey(string name)
    {
        if (name.Length > StackLimit)
        {
            return MatchKeyPlain(name);
        }

        // Lower-casing is per character, so the whole name can be lower-cased before it is split into words.
        Span<char> lower = stackalloc char[name.Length];
        name.AsSpan().ToLower(lower, Swedish);
        Span<Range> words = stackalloc Range[MaxWordsOnStack];
        var count = 0;
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var separator = i == lower.Length || lower[i] is ' ' or ',' or '\t';
            if (!separator)
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                if (count == MaxWordsOnStack)
                {
                    return MatchKeyPlain(name);
                }

                words[count++] = start..i;
                start = -1;
            }
        }

        if (count == 0)
        {
            return string.Empty;
        }

        // Insertion sort, ordinal: a name has a handful of words.
        for (var i = 1; i < count; i++)
        {
            var word = words[i];
            var j = i - 1;
            while (j >= 0 && lower[words[j]].SequenceCompareTo(lower[word]) > 0)
            {
                words[j + 1] = words[j];
                j--;
            }

            words[j + 1] = word;
        }

        Span<char> key = stackalloc char[lower.Length + count];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                key[length++] = ' ';
            }

            lower[words[i]].CopyTo(key[length..]);
            length += lower[words[i]].Length;
        }

        return new string(key[..length]);
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
        if (IsNormalised(text))
        {
            return text;
        }

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

    /// <summary>The plain definition of <see cref="MatchKey"/>, for very long names.</summary>
    internal static string MatchKeyPlain(string name)
    {
        var words = name.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLower(Swedish)).Order(StringComparer.Ordinal);
        return string.Join(' ', words);
    }

    /// <summary>No white space at either end, and only single plain spaces inside: already what Normalise returns.</summary>
    private static bool IsNormalised(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) && (c != ' ' || text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
