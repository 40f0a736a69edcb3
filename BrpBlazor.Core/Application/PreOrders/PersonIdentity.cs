using System.Diagnostics.CodeAnalysis;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// What a pre-order knows about who it is for: a personnummer (any accepted form) or only a birth date
/// (YYYY-MM-DD or YYYYMMDD). The Skapa dialog and every import line type it into one field.
/// </summary>
public readonly record struct PersonIdentity(Personnummer? Personnummer, DateOnly BirthDate)
{
    public static readonly Error Missing = new("preorder.identity", "Personnummer eller födelsedatum saknas");
    public static readonly Error Format = new(
        "preorder.identity.format", "Skriv personnumret ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN, eller födelsedatumet ÅÅÅÅ-MM-DD");

    /// <summary>An 8-digit text is a birth date (YYYYMMDD); 10 or 12 digits, with or without - or +, a personnummer.</summary>
    public static bool TryParse(string? text, DateOnly today, out PersonIdentity identity, [NotNullWhen(false)] out Error? error)
    {
        identity = default;
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            error = Missing;
            return false;
        }

        if (BirthDates.LooksLikeBirthDate(t))
        {
            if (!BirthDates.TryParse(t, today, out var birthDate, out error))
            {
                return false;
            }

            identity = new PersonIdentity(null, birthDate);
            return true;
        }

        if (!LooksLikeIdentity(t))
        {
            error = Format;
            return false;
        }

        if (!Domain.People.Personnummer.TryParse(t, today, out var personnummer, out error))
        {
            return false;
        }

        identity = new PersonIdentity(personnummer, personnummer.BirthDate);
        return true;
    }

    /// <summary>
    /// True when the text has the shape of a personnummer or a birth date, valid or not: used to tell a header
    /// line ("Personnummer") and a file that is not a pre-order list from lines with a typo in the number.
    /// </summary>
    public static bool LooksLikeIdentity(string? text)
    {
        var t = (text ?? string.Empty).AsSpan().Trim();
        if (BirthDates.LooksLikeBirthDate(t))
        {
            return true;
        }

        if (t.Length is 11 or 13 && t[^5] is '-' or '+')
        {
            return !t[..^5].ContainsAnyExceptInRange('0', '9') && !t[^4..].ContainsAnyExceptInRange('0', '9');
        }

        return t.Length is 10 or 12 && !t.ContainsAnyExceptInRange('0', '9');
    }
}
