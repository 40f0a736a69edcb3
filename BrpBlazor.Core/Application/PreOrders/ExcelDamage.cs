using System.Globalization;
using System.Text.RegularExpressions;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>How a cell was stored: text (every CSV field), a number or a date (workbook cells).</summary>
internal enum ImportCellKind
{
    Text,
    Number,
    Date,
}

/// <summary>
/// One field of a line: the text as the person saw it and, for a workbook, how the cell was stored. A number keeps its
/// value and number format (a personnummer formatted <c>000000-0000</c> shows its leading zero), a date its value.
/// </summary>
internal readonly record struct ImportCell(string Text, ImportCellKind Kind = ImportCellKind.Text, double Number = 0, DateTime Date = default)
{
    public static readonly ImportCell Empty = new(string.Empty);
}

/// <summary>
/// The personnummer or birth date of a line as the import reads it. <see cref="Problem"/> says, in plain Swedish, what
/// Excel did to it when the digits are gone; <see cref="Suggested"/> is what a number that lost its leading zero
/// probably was, stored only when staff accept it (docs/decisions/112); <see cref="Note"/> names harmless damage that
/// was cleaned away (spaces, zero decimals, a midnight time).
/// </summary>
internal sealed record IdentityReading(string Text, string? Note = null, string? Problem = null, string? Suggested = null);

/// <summary>Recognises what Excel (or a person copying from it) does to a personnummer, and says so.</summary>
internal static partial class ExcelDamage
{

    /// <summary>Serial numbers of Excel dates from 1927 to 2100: five digits, the shape of a date that lost its format.</summary>
    private const int FirstDateSerial = 10_000;
    private const int LastDateSerial = 73_050;

    public static IdentityReading Read(ImportCell cell, DateOnly today) => cell.Kind switch
    {
        ImportCellKind.Date => ReadDate(cell.Date),
        ImportCellKind.Number => ReadNumber(cell, today),
        _ => ReadText(cell.Text, today),
    };

    private static IdentityReading ReadDate(DateTime date) => date.TimeOfDay == TimeSpan.Zero
        ? new IdentityReading(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        : new IdentityReading(
            string.Empty,
            Problem: $"Cellen är ett datum med klockslag ({date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}). Skriv födelsedatumet ÅÅÅÅ-MM-DD eller personnumret ÅÅMMDD-NNNN.");

    private static IdentityReading ReadNumber(ImportCell cell, DateOnly today)
    {
        var value = cell.Number;
        if (value != Math.Floor(value) || value < 0 || value >= 1e15)
        {
            return new IdentityReading(cell.Text, Problem: Decimals());
        }

        // The cell's text is what its number format showed: "030430-1286" for 000000-0000, else the whole number's digits.
        return ReadText(cell.Text, today);
    }

    private static IdentityReading ReadText(string raw, DateOnly today)
    {
        var text = raw.Trim();
        string? note = null;
        if (text.Length != raw.Length)
        {
            note = raw.Any(IsHardSpace)
                ? "Ett hårt mellanslag före eller efter personnumret togs bort"
                : "Mellanslag före eller efter personnumret togs bort";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            var squeezed = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            if (squeezed.Length > 0 && squeezed.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ',' or '.'))
            {
                note = Join(note, text.Any(IsHardSpace)
                    ? "Hårda mellanslag inne i personnumret (Excels tusentalsavgränsare) togs bort"
                    : "Mellanslag inne i personnumret togs bort");
                text = squeezed;
            }
        }

        if (Scientific().IsMatch(text))
        {
            return new IdentityReading(
                text,
                Problem: $"Excel har gjort om personnumret till ett tal i exponentform ({text}) och siffrorna är borta. "
                    + "Formatera kolumnen som Text i Excel, skriv eller klistra in personnumren igen och spara filen på nytt.");
        }

        if (DecimalNumber().Match(text) is { Success: true } number)
        {
            var whole = number.Groups["whole"].Value;
            if (number.Groups["decimals"].Value.All(c => c == '0') && whole.Length is >= 9 and <= 12)
            {
                return ReadDigits(whole, today, Join(note, "Excel hade gjort om personnumret till ett tal med decimaler; decimalerna togs bort"));
            }

            return new IdentityReading(text, Problem: Decimals());
        }

        if (DateAndTime().Match(text) is { Success: true } dateTime)
        {
            return dateTime.Groups["time"].Value is "00:00" or "00:00:00" or "0:00"
                ? new IdentityReading(dateTime.Groups["date"].Value, Join(note, "Excel hade lagt till klockslaget 00:00 efter födelsedatumet; det togs bort"))
                : new IdentityReading(text, Problem: $"Värdet är ett datum med klockslag ({text}). Skriv födelsedatumet ÅÅÅÅ-MM-DD eller personnumret ÅÅMMDD-NNNN.");
        }

        if (OtherDate().IsMatch(text))
        {
            return new IdentityReading(
                text,
                Problem: $"Excel har gjort om värdet till ett datum ({text}). Skriv födelsedatumet ÅÅÅÅ-MM-DD eller personnumret ÅÅMMDD-NNNN, och formatera kolumnen som Text i Excel.");
        }

        return text.All(char.IsAsciiDigit) ? ReadDigits(text, today, note) : new IdentityReading(text, note);
    }

    private static IdentityReading ReadDigits(string digits, DateOnly today, string? note)
    {
        if (digits.Length == 9)
        {
            var padded = "0" + digits;
            return Personnummer.TryParse(padded, today, out var probable, out _)
                ? new IdentityReading(
                    digits,
                    note,
                    Problem: $"Personnumret har bara 9 siffror: Excel har troligen tagit bort nollan först. Troligen {probable.Masked} (hela numret står i radens detaljer). "
                        + "Godkänn den tolkningen, eller formatera kolumnen som Text i Excel och rätta filen.",
                    Suggested: padded)
                : new IdentityReading(
                    digits,
                    note,
                    Problem: "Personnumret har bara 9 siffror, och det blir inte ett giltigt personnummer med en nolla först heller. Rätta det i filen.");
        }

        if (digits.Length == 5 && int.Parse(digits, CultureInfo.InvariantCulture) is >= FirstDateSerial and <= LastDateSerial and var serial)
        {
            var date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return new IdentityReading(
                digits,
                note,
                Problem: $"Värdet {digits} ser ut som ett datum som Excel sparat som tal (kanske {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}). "
                    + "Formatera kolumnen som Datum (ÅÅÅÅ-MM-DD) eller Text i Excel och spara filen igen.");
        }

        return new IdentityReading(digits, note);
    }

    /// <summary>The list shows reasons unmasked, so this one does not repeat the digits (domain.md §8).</summary>
    private static string Decimals() =>
        "Personnumret har blivit ett tal med decimaler och ser inte ut som ett personnummer. Formatera kolumnen som Text i Excel och skriv in personnumret igen.";

    private static bool IsHardSpace(char c) => c is '\u00A0' or '\u202F' or '\u2007';

    private static string? Join(string? first, string second) => first is null ? second : $"{first}. {second}";

    [GeneratedRegex(@"^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"^(?<whole>[0-9]+)[.,](?<decimals>[0-9]+)$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T](?<time>[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)$")]
    private static partial Regex DateAndTime();

    [GeneratedRegex(@"^([0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2})$")]
    private static partial Regex OtherDate();
}
