using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.People;

/// <summary>Birth dates typed by staff or read from a file: YYYY-MM-DD or YYYYMMDD, never in the future.</summary>
public static class BirthDates
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyyMMdd"];

    public static readonly Error Format = new("birthdate.format", "Födelsedatum ska skrivas ÅÅÅÅ-MM-DD");
    public static readonly Error DoesNotExist = new("birthdate.date", "Datumet finns inte");
    public static readonly Error Future = new("birthdate.future", "Födelsedatum i framtiden");
    public static readonly Error TooOld = new("birthdate.tooold", "Födelsedatum mer än 130 år tillbaka");

    /// <summary>True when the text has the shape of a birth date (8 digits or YYYY-MM-DD), valid or not.</summary>
    public static bool LooksLikeBirthDate(string text) => LooksLikeBirthDate(text.AsSpan());

    /// <inheritdoc cref="LooksLikeBirthDate(string)"/>
    public static bool LooksLikeBirthDate(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return (t.Length == 8 && !t.ContainsAnyExceptInRange('0', '9'))
            || (t.Length == 10 && t[4] == '-' && t[7] == '-'
                && !t[..4].ContainsAnyExceptInRange('0', '9') && !t[5..7].ContainsAnyExceptInRange('0', '9') && !t[8..].ContainsAnyExceptInRange('0', '9'));
    }

    public static bool TryParse(string? input, DateOnly today, out DateOnly birthDate, [NotNullWhen(false)] out Error? error)
    {
        birthDate = default;
        var text = input?.Trim() ?? string.Empty;
        if (!LooksLikeBirthDate(text))
        {
            error = Format;
            return false;
        }

        if (!DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
        {
            error = DoesNotExist;
            return false;
        }

        if (birthDate > today)
        {
            error = Future;
            return false;
        }

        if (birthDate < today.AddYears(-130))
        {
            error = TooOld;
            return false;
        }

        error = null;
        return true;
    }
}
