using System.Globalization;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Application.People;

/// <summary>
/// What staff typed in the person form, as text. Either a personnummer or (for someone without one) a birth
/// date; when a personnummer is given the birth date follows from it and a typed birth date is ignored.
/// </summary>
public sealed record PersonInput(string? FirstName, string? LastName, string? Personnummer, string? BirthDate, string? Email, string? Phone)
{
    public static PersonInput Empty { get; } = new(null, null, null, null, null, null);

    /// <summary>The form for an existing person: the personnummer whole (staff need it to correct a typo).</summary>
    public static PersonInput From(Person person) => new(
        person.FirstName,
        person.LastName,
        person.Personnummer?.Formatted,
        person.Personnummer is null ? person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        person.Email,
        person.Phone);

    /// <summary>
    /// A new person's form pre-filled from a search that found nobody: a personnummer, a birth date, an e-mail
    /// address or a name goes to its own field. A customer number (digits only) fills nothing.
    /// </summary>
    public static PersonInput FromSearchText(string? query)
    {
        var text = PersonName.Normalise(query ?? string.Empty);
        if (text.Length == 0)
        {
            return Empty;
        }

        if (PersonSearch.LooksLikePersonnummer(text))
        {
            return Empty with { Personnummer = text };
        }

        if (BirthDates.LooksLikeBirthDate(text))
        {
            return Empty with { BirthDate = text };
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return Empty with { Email = text };
        }

        if (text.Any(char.IsAsciiDigit))
        {
            return Empty;
        }

        var (first, last) = PersonName.Split(text);
        return Empty with { FirstName = first, LastName = last };
    }

    /// <summary>Parses and validates everything, so the form can show every message next to its field at once.</summary>
    public Result<PersonDetails> ToDetails(DateOnly today)
    {
        var errors = new List<Error>();
        Personnummer? personnummer = null;
        var birthDate = default(DateOnly);
        if (!string.IsNullOrWhiteSpace(Personnummer))
        {
            if (Domain.People.Personnummer.TryParse(Personnummer, today, out var parsed, out var error))
            {
                personnummer = parsed;
            }
            else
            {
                errors.Add(error);
            }
        }
        else if (!string.IsNullOrWhiteSpace(BirthDate))
        {
            if (BirthDates.TryParse(BirthDate, today, out var parsed, out var error))
            {
                birthDate = parsed;
            }
            else
            {
                errors.Add(error);
            }
        }

        var details = new PersonDetails(FirstName ?? string.Empty, LastName ?? string.Empty, personnummer, birthDate, Email, Phone);
        var detailErrors = details.Validate();

        // A personnummer that did not parse already has its message; "ange personnummer eller födelsedatum" would only confuse.
        errors.AddRange(errors.Count > 0 ? detailErrors.Where(e => e.Code != PersonErrors.IdentityCode) : detailErrors);
        return errors.Count > 0 ? Result<PersonDetails>.Failure(errors) : details;
    }
}

public static class PersonErrors
{
    /// <summary>The code <see cref="PersonDetails.Validate"/> uses when neither personnummer nor birth date is given.</summary>
    public const string IdentityCode = PersonCodes.Identity;

    public static readonly Error Duplicate = new("personnummer.duplicate", "Det finns redan en person med det här personnumret");
    public static readonly Error NotFound = new("person.notfound", "Personen finns inte");
    public static readonly Error ChangedByOther = new("person.concurrency", "Någon annan har ändrat personen medan du arbetade. Ladda om sidan och gör ändringen igen.");
}
