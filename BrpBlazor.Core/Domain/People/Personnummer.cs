using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.People;

/// <summary>
/// A Swedish personal identity number (or samordningsnummer), stored as 12 digits YYYYMMDDNNNC.
/// Accepted input: YYMMDD-NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN, and <c>+</c> as separator for
/// people aged 100 or more. With a two-digit year the century is the one that makes the person
/// 0–99 years old on "today" (100 or more with <c>+</c>). See domain.md §8.
/// </summary>
/// <remarks>
/// It is personal data: <see cref="ToString"/> gives the masked form so that an accidental log line
/// or exception message never carries the whole number. Use <see cref="Formatted"/> where staff need it whole.
/// </remarks>
public readonly record struct Personnummer
{
    public const int StoredLength = 12;

    /// <summary>A '+' reading that makes the person this old or older is refused: they are really 99.</summary>
    public const int PlusImpossibleAge = 199;

    private Personnummer(string value, DateOnly birthDate, bool isSamordningsnummer)
    {
        Value = value;
        BirthDate = birthDate;
        IsSamordningsnummer = isSamordningsnummer;
    }

    /// <summary>The 12 stored digits, YYYYMMDDNNNC.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    /// <summary>Samordningsnummer: the day of month is written with 60 added.</summary>
    public bool IsSamordningsnummer { get; }

    /// <summary>YYYYMMDD-NNNN, for the places staff need it whole (person page, one pre-order, exports).</summary>
    public string Formatted => $"{Value[..8]}-{Value[8..]}";

    /// <summary>YYYYMMDD-••••, for lists.</summary>
    public string Masked => $"{Value[..8]}-••••";

    /// <summary>The 10-digit form YYMMDDNNNC (the digits the check digit covers).</summary>
    public string TenDigits => Value[2..];

    public override string ToString() => Masked;

    public static Personnummer Parse(string input, DateOnly today) =>
        TryParse(input, today, out var result, out var error)
            ? result
            : throw new FormatException(error.Message);

    public static bool TryParse(string? input, DateOnly today, out Personnummer result) =>
        TryParse(input, today, out result, out _);

    /// <summary>Parses any accepted form; on failure <paramref name="error"/> says why in Swedish.</summary>
    /// <remarks>Works on spans: an import parses one number per line, so only the stored digits are allocated.</remarks>
    public static bool TryParse(string? input, DateOnly today, out Personnummer result, [NotNullWhen(false)] out Error? error)
    {
        result = default;
        var text = (input ?? string.Empty).AsSpan().Trim();
        if (text.Length == 0)
        {
            error = PersonnummerErrors.Empty;
            return false;
        }

        // Split into date digits, optional separator and the four last digits. Nothing else may appear.
        char separator = '\0';
        ReadOnlySpan<char> datePart;
        ReadOnlySpan<char> lastFour;
        if (text.Length is 11 or 13 && (text[^5] is '-' or '+'))
        {
            separator = text[^5];
            datePart = text[..^5];
            lastFour = text[^4..];
        }
        else if (text.Length is 10 or 12)
        {
            datePart = text[..^4];
            lastFour = text[^4..];
        }
        else
        {
            error = PersonnummerErrors.Format;
            return false;
        }

        if (!IsDigits(datePart) || !IsDigits(lastFour))
        {
            error = PersonnummerErrors.Format;
            return false;
        }

        // The birth number (three digits before the check digit) 000 is never issued.
        if (lastFour.StartsWith("000", StringComparison.Ordinal))
        {
            error = PersonnummerErrors.BirthNumber;
            return false;
        }

        var yy = Number(datePart[^6..^4]);
        var month = Number(datePart[^4..^2]);
        var dayWritten = Number(datePart[^2..]);
        var isSamordning = dayWritten > 60;
        var day = isSamordning ? dayWritten - 60 : dayWritten;

        int year;
        if (datePart.Length == 8)
        {
            year = Number(datePart[..4]);
        }
        else
        {
            year = ResolveCentury(yy, month, day, separator == '+', today);
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = PersonnummerErrors.DateDoesNotExist;
            return false;
        }

        // The date is checked before the check digit: a date that does not exist (1990-02-30) is the problem to name,
        // even though its check digit is then wrong too.
        Span<char> tenDigits = stackalloc char[10];
        datePart[^6..].CopyTo(tenDigits);
        lastFour.CopyTo(tenDigits[6..]);
        if (!Luhn.IsValid(tenDigits))
        {
            error = PersonnummerErrors.CheckDigit;
            return false;
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            error = PersonnummerErrors.FutureDate;
            return false;
        }

        // '+' written for someone who is 99 (often the year they turn 100) would read as 199: nobody is that old,
        // so it is a mistake to point out, not a birth date to guess (docs/decisions/070).
        if (separator == '+' && datePart.Length == 6 && Common.Calendar.AgeOn(birthDate, today) >= PlusImpossibleAge)
        {
            error = PersonnummerErrors.PlusUnderHundred;
            return false;
        }

        Span<char> stored = stackalloc char[StoredLength];
        stored.TryWrite(CultureInfo.InvariantCulture, $"{year:D4}{month:D2}{dayWritten:D2}{lastFour}", out _);
        result = new Personnummer(new string(stored), birthDate, isSamordning);
        error = null;
        return true;
    }

    /// <summary>Builds a valid number for a birth date and a three-digit serial (sample data, tests, benchmarks).</summary>
    public static Personnummer FromParts(DateOnly birthDate, int serial, bool samordningsnummer = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999);
        var day = birthDate.Day + (samordningsnummer ? 60 : 0);
        var nine = $"{birthDate.Year % 100:D2}{birthDate.Month:D2}{day:D2}{serial:D3}";
        var check = Luhn.CheckDigit(nine);
        return FromStored($"{birthDate.Year:D4}{nine[2..]}{check}");
    }

    /// <summary>Rebuilds a number that was stored as 12 valid digits (the database column).</summary>
    public static Personnummer FromStored(string twelveDigits)
    {
        if (twelveDigits.Length != StoredLength || !IsDigits(twelveDigits) || !Luhn.IsValid(twelveDigits.AsSpan(2)))
        {
            throw new FormatException("The stored personnummer is not 12 valid digits.");
        }

        var year = int.Parse(twelveDigits[..4], CultureInfo.InvariantCulture);
        var month = int.Parse(twelveDigits[4..6], CultureInfo.InvariantCulture);
        var dayWritten = int.Parse(twelveDigits[6..8], CultureInfo.InvariantCulture);
        var isSamordning = dayWritten > 60;
        var day = isSamordning ? dayWritten - 60 : dayWritten;
        return new Personnummer(twelveDigits, new DateOnly(year, month, day), isSamordning);
    }

    /// <summary>
    /// The century that makes the person 0–99 years old on <paramref name="today"/>, or 100–199 with '+'.
    /// A birthday later this year than today belongs to the previous century's year.
    /// </summary>
    private static int ResolveCentury(int yy, int month, int day, bool hundredOrOlder, DateOnly today)
    {
        var year = (today.Year / 100 * 100) + yy;
        if (year > today.Year || (year == today.Year && IsAfter(month, day, today)))
        {
            year -= 100;
        }

        return hundredOrOlder ? year - 100 : year;
    }

    private static bool IsAfter(int month, int day, DateOnly today) =>
        month > today.Month || (month == today.Month && day > today.Day);

    /// <summary>The value of a run of ASCII digits (already checked).</summary>
    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

public static class PersonnummerErrors
{
    /// <summary>What every personnummer refusal's code starts with.</summary>
    public const string Prefix = "personnummer.";

    public static readonly Error Empty = new("personnummer.empty", "Ange personnummer");
    public static readonly Error Format = new("personnummer.format", "Personnumret ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN");
    public static readonly Error CheckDigit = new("personnummer.checkdigit", "Kontrollsiffran stämmer inte");
    public static readonly Error DateDoesNotExist = new("personnummer.date", "Datumet finns inte");
    public static readonly Error BirthNumber = new("personnummer.birthnumber", "Födelsenumret 000 finns inte");
    public static readonly Error FutureDate = new("personnummer.future", "Födelsedatum i framtiden");
    public static readonly Error PlusUnderHundred = new(
        "personnummer.plus",
        "+ betyder att personen är 100 år eller äldre; för den som är yngre skrivs - (eller ÅÅÅÅMMDD-NNNN)");
}
