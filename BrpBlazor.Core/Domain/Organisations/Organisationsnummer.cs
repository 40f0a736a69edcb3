using System.Diagnostics.CodeAnalysis;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Organisations;

/// <summary>
/// A Swedish company registration number: 10 digits, Luhn check digit, third digit at least 2
/// (which keeps it apart from a personnummer). Accepts NNNNNN-NNNN, NNNNNNNNNN and the 12-digit
/// form with the "16" prefix that some registers write. Shown as NNNNNN-NNNN.
/// </summary>
public readonly record struct Organisationsnummer
{
    public const int StoredLength = 10;

    private Organisationsnummer(string value) => Value = value;

    /// <summary>The 10 stored digits.</summary>
    public string Value { get; }

    public string Formatted => $"{Value[..6]}-{Value[6..]}";

    public override string ToString() => Formatted;

    public static Organisationsnummer Parse(string input) =>
        TryParse(input, out var result, out var error) ? result : throw new FormatException(error.Message);

    public static bool TryParse(string? input, out Organisationsnummer result) => TryParse(input, out result, out _);

    public static bool TryParse(string? input, out Organisationsnummer result, [NotNullWhen(false)] out Error? error)
    {
        result = default;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = OrganisationsnummerErrors.Empty;
            return false;
        }

        if (text.Length == 11 && text[6] == '-')
        {
            text = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
        }
        else if (text.Length == 13 && text[8] == '-' && text.StartsWith("16", StringComparison.Ordinal))
        {
            text = string.Concat(text.AsSpan(2, 6), text.AsSpan(9));
        }
        else if (text.Length == 12 && text.StartsWith("16", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.Length != StoredLength || !text.All(char.IsAsciiDigit))
        {
            error = OrganisationsnummerErrors.Format;
            return false;
        }

        if (text[2] < '2')
        {
            error = OrganisationsnummerErrors.ThirdDigit;
            return false;
        }

        if (!Luhn.IsValid(text))
        {
            error = OrganisationsnummerErrors.CheckDigit;
            return false;
        }

        result = new Organisationsnummer(text);
        error = null;
        return true;
    }
}

public static class OrganisationsnummerErrors
{
    /// <summary>What every organisationsnummer refusal's code starts with.</summary>
    public const string Prefix = "organisationsnummer.";

    public static readonly Error Empty = new("organisationsnummer.empty", "Ange organisationsnummer");
    public static readonly Error Format = new("organisationsnummer.format", "Organisationsnumret ska skrivas NNNNNN-NNNN");
    public static readonly Error ThirdDigit = new("organisationsnummer.thirddigit", "Tredje siffran ska vara minst 2 i ett organisationsnummer");
    public static readonly Error CheckDigit = new("organisationsnummer.checkdigit", "Kontrollsiffran stämmer inte");
}
