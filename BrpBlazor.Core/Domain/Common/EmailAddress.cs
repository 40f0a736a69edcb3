using System.Buffers;
using System.Net.Mail;

namespace BrpBlazor.Core.Domain.Common;

/// <summary>"Looks like an address": something@domain.tld, no spaces. Deliverability is not our business.</summary>
public static class EmailAddress
{
    /// <summary>What every e-mail refusal's code starts with.</summary>
    public const string ErrorPrefix = "email.";

    public const int MaxLength = 254;

    public static readonly Error Invalid = new("email.format", "E-postadressen ser inte ut som en e-postadress");

    private static readonly SearchValues<char> AtomChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static bool IsValidOrEmpty(string? text) => string.IsNullOrWhiteSpace(text) || IsValid(text);

    public static bool IsValid(string text)
    {
        var t = text.Trim();
        if (t.Length > MaxLength || t.Contains(' ', StringComparison.Ordinal) || t.AsSpan().Count('@') != 1)
        {
            return false;
        }

        var at = t.IndexOf('@', StringComparison.Ordinal);
        var domain = t.AsSpan(at + 1);
        if (at <= 0 || !domain.Contains('.') || domain[0] == '.' || domain[^1] == '.')
        {
            return false;
        }

        // The common plain address needs no full parse (an import checks one per line, docs/decisions/051).
        return IsPlain(t.AsSpan(0, at), domain) || (MailAddress.TryCreate(t, out var parsed) && parsed.Address == t);
    }

    /// <summary>
    /// Letters and digits in dot-separated parts, with single - _ + inside the local part and - inside domain labels:
    /// a dot-atom address that <see cref="MailAddress"/> accepts as it is written.
    /// </summary>
    internal static bool IsPlain(ReadOnlySpan<char> local, ReadOnlySpan<char> domain) =>
        IsDotAtom(local, "._+-") && IsDotAtom(domain, ".-");

    private static bool IsDotAtom(ReadOnlySpan<char> text, ReadOnlySpan<char> joiners)
    {
        // Parts of letters and digits, joined by single joiner characters; no joiner at either end.
        var previousWasJoiner = true;
        foreach (var c in text)
        {
            if (AtomChars.Contains(c))
            {
                previousWasJoiner = false;
            }
            else if (joiners.Contains(c) && !previousWasJoiner)
            {
                previousWasJoiner = true;
            }
            else
            {
                return false;
            }
        }

        return !previousWasJoiner;
    }
}
