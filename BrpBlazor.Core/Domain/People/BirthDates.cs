using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.People;

/// <summary>Birth dates typed by staff or read from a file: YYYY-MM-DD or YYYYMMDD, never in the future.</summary>
public static class BirthDates
{
    /// <summary>What every birth date refusal's code starts with.</summary>
    public const string ErrorPrefix = "birthdate.";

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

    /// <summary>
    /// A six-digit birth date as staff type it in a search (YYMMDD, as in a personnummer): the century is the one that
    /// makes the person 0–99 years old today. False when the text is not six digits or the date does not exist.
    /// </summary>
    public static bool TryParseShort(string? input, DateOnly today, out DateOnly birthDate)
    {
        birthDate = default;
        var text = input.AsSpan().Trim();
        if (text.Length != 6 || text.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var yy = int.Parse(text[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(text[2..4], CultureInfo.InvariantCulture);
        var day = int.Parse(text[4..], CultureInfo.InvariantCulture);
        var year = (today.Year / 100 * 100) + yy;
        if (year > today.Year || (year == today.Year && (month > today.Month || (month == today.Month && day > today.Day))))
        {
            year -= 100;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        return true;
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
