using System.Globalization;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.People;

/// <summary>A customer. Some people have no personnummer and are known by their birth date.</summary>
public sealed class Person : VersionedEntity
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 30;
    public const int BlockReasonMaxLength = 500;

    /// <summary>Customer numbers are the row id plus this base, so they are short, unique and never reused.</summary>
    private const int CustomerNumberBase = 100000;

    private Person()
    {
        FirstName = string.Empty;
        LastName = string.Empty;
        SearchText = string.Empty;
    }

    public int Id { get; private set; }

    public string FirstName { get; private set; }

    public string LastName { get; private set; }

    public Personnummer? Personnummer { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>Lower-cased name and e-mail, so search is case-insensitive for å, ä and ö too (SQLite's lower() is ASCII only).</summary>
    public string SearchText { get; private set; }

    /// <summary>Why a supervisor blocked the person (Spärra kund); null when not blocked.</summary>
    public string? BlockedReason { get; private set; }

    public DateTime? BlockedUtc { get; private set; }

    /// <summary>The name of the supervisor who blocked the person.</summary>
    public string? BlockedBy { get; private set; }

    public bool IsBlocked => BlockedReason is not null;

    public int CustomerNumber => CustomerNumberOf(Id);

    /// <summary>Kundnummer: the id offset so it reads as a six-digit number (decision 024). The only place the offset is applied.</summary>
    public static int CustomerNumberOf(int personId) => CustomerNumberBase + personId;

    /// <summary>The person id a kundnummer stands for; not a valid id (≤ 0) for a number below the first kundnummer.</summary>
    public static int IdOfCustomerNumber(int customerNumber) => customerNumber - CustomerNumberBase;

    public string FullName => $"{FirstName} {LastName}".Trim();

    public static Result<Person> Create(PersonDetails details, DateTime createdUtc)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result<Person>.Failure(errors);
        }

        var person = new Person { CreatedUtc = createdUtc };
        person.Apply(details);
        return person;
    }

    public Result Update(PersonDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Apply(details);
        return Result.Success();
    }

    /// <summary>Contact details change at the desk (the redeem wizard's Personuppgifter step).</summary>
    public Result UpdateContact(string? email, string? phone) =>
        Update(ToDetails() with { Email = email, Phone = phone });

    /// <summary>Spärra kund: a blocked person cannot redeem or start a subscription until the block is lifted.</summary>
    public Result Block(string? reason, string blockedBy, DateTime nowUtc)
    {
        if (IsBlocked)
        {
            return PersonBlockErrors.AlreadyBlocked;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return PersonBlockErrors.ReasonRequired;
        }

        var text = reason.Trim();
        BlockedReason = text.Length > BlockReasonMaxLength ? text[..BlockReasonMaxLength] : text;
        BlockedUtc = nowUtc;
        BlockedBy = blockedBy;
        return Result.Success();
    }

    /// <summary>Häv spärr.</summary>
    public Result Unblock()
    {
        if (!IsBlocked)
        {
            return PersonBlockErrors.NotBlocked;
        }

        BlockedReason = null;
        BlockedUtc = null;
        BlockedBy = null;
        return Result.Success();
    }

    public PersonDetails ToDetails() => new(FirstName, LastName, Personnummer, BirthDate, Email, Phone);

    public static string SearchTextFor(string firstName, string lastName, string? email) =>
        $"{firstName} {lastName} {email}".Trim().ToLower(CultureInfo.GetCultureInfo("sv-SE"));

    private void Apply(PersonDetails details)
    {
        FirstName = PersonName.Normalise(details.FirstName);
        LastName = PersonName.Normalise(details.LastName);
        Personnummer = details.Personnummer;
        BirthDate = details.Personnummer?.BirthDate ?? details.BirthDate;
        Email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
        Phone = string.IsNullOrWhiteSpace(details.Phone) ? null : details.Phone.Trim();
        SearchText = SearchTextFor(FirstName, LastName, Email);
    }
}

/// <summary>What staff fill in for a person. The birth date follows the personnummer when there is one.</summary>
public sealed record PersonDetails(
    string FirstName,
    string LastName,
    Personnummer? Personnummer,
    DateOnly BirthDate,
    string? Email,
    string? Phone)
{
    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(FirstName))
        {
            errors.Add(new(PersonCodes.FirstName, "Ange förnamn"));
        }

        if (string.IsNullOrWhiteSpace(LastName))
        {
            errors.Add(new(PersonCodes.LastName, "Ange efternamn"));
        }

        if ((FirstName?.Length ?? 0) > Person.NameMaxLength || (LastName?.Length ?? 0) > Person.NameMaxLength)
        {
            errors.Add(new(PersonCodes.NameLength, $"Namnet får vara högst {Person.NameMaxLength} tecken"));
        }

        if (Personnummer is null && BirthDate == default)
        {
            errors.Add(new(PersonCodes.Identity, "Ange personnummer eller födelsedatum"));
        }

        if (!EmailAddress.IsValidOrEmpty(Email))
        {
            errors.Add(EmailAddress.Invalid);
        }

        if (Phone is { Length: > Person.PhoneMaxLength })
        {
            errors.Add(new(PersonCodes.Phone, $"Telefonnumret får vara högst {Person.PhoneMaxLength} tecken"));
        }

        return errors;
    }
}

public static class PersonBlockErrors
{
    public static readonly Error ReasonRequired = new("person.block.reason", "Ange orsak till spärren");
    public static readonly Error AlreadyBlocked = new("person.block.already", "Personen är redan spärrad");
    public static readonly Error NotBlocked = new("person.block.none", "Personen är inte spärrad");
    public static readonly Error UnblockReasonRequired = new("person.unblock.reason", "Ange varför spärren hävs");
}

/// <summary>The codes of a person's details refusals, declared once: the form places each under its field by them.</summary>
public static class PersonCodes
{
    public const string FirstName = "person.firstname";
    public const string LastName = "person.lastname";

    /// <summary>The start of <see cref="NameLength"/>: both name fields show it.</summary>
    public const string Name = "person.name";
    public const string NameLength = Name + ".length";
    public const string Identity = "person.identity";
    public const string Phone = "person.phone";
}
