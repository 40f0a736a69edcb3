using System.Net.Mail;

namespace BrpBlazor.Core.Domain.Common;

/// <summary>"Looks like an address": something@domain.tld, no spaces. Deliverability is not our business.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static readonly Error Invalid = new("email.format", "E-postadressen ser inte ut som en e-postadress");

    public static bool IsValidOrEmpty(string? text) => string.IsNullOrWhiteSpace(text) || IsValid(text);

    public static bool IsValid(string text)
    {
        var t = text.Trim();
        if (t.Length > MaxLength || t.Contains(' ', StringComparison.Ordinal) || t.Count(c => c == '@') != 1)
        {
            return false;
        }

        var at = t.IndexOf('@', StringComparison.Ordinal);
        var domain = t[(at + 1)..];
        return at > 0
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.')
            && !domain.EndsWith('.')
            && MailAddress.TryCreate(t, out var parsed)
            && parsed.Address == t;
    }
}
