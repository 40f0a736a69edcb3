using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.People;

/// <summary>The person who already holds a personnummer, so the form can link to them.</summary>
public sealed record ExistingPerson(int Id, string FullName, int CustomerNumber);

/// <summary>The outcome of saving a person: the person's id, or the refusals (with the existing person on a duplicate).</summary>
public sealed class PersonSaveResult : Result
{
    private PersonSaveResult(int personId, IReadOnlyList<Error> errors, ExistingPerson? duplicate)
        : base(errors)
    {
        PersonId = personId;
        Duplicate = duplicate;
    }

    public int PersonId { get; }

    /// <summary>Set when the personnummer belongs to someone else already.</summary>
    public ExistingPerson? Duplicate { get; }

    public static PersonSaveResult Saved(int personId) => new(personId, [], null);

    public static PersonSaveResult Refused(IReadOnlyList<Error> errors) => new(0, errors, null);

    public static PersonSaveResult Refused(Error error) => new(0, [error], null);

    public static PersonSaveResult DuplicateOf(ExistingPerson existing) => new(0, [PersonErrors.Duplicate], existing);
}

/// <summary>Registers and edits people (Reception). A personnummer is unique; each save writes one audit entry with it.</summary>
public sealed class PersonRegister(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    private static readonly UniqueKey PersonnummerKey = new("People", nameof(Person.Personnummer));

    /// <summary>The person to edit (Reception); a person who does not exist is <see cref="PersonErrors.NotFound"/>.</summary>
    public async Task<Result<Person>> GetAsync(StaffActor actor, int personId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person is null ? PersonErrors.NotFound : person;
    }

    public async Task<PersonSaveResult> CreateAsync(StaffActor actor, PersonInput input, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return PersonSaveResult.Refused(refused);
        }

        var details = input.ToDetails(clock.Today);
        if (!details.IsSuccess)
        {
            return PersonSaveResult.Refused(details.Errors);
        }

        var nowUtc = clock.UtcNow;
        var person = Person.Create(details.Value, nowUtc).Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindHolderAsync(db, person.Personnummer, exceptId: null, cancellationToken) is { } existing)
        {
            return PersonSaveResult.DuplicateOf(existing);
        }

        var saved = await RegisterSave.InsertAsync(
            db,
            person,
            p => Audit.Entry(
                actor, nowUtc, PersonAudit.Created, nameof(Person), p.Id, $"{p.FullName} registrerades (kundnr {p.CustomerNumber})",
                null, Describe(p), personId: p.Id),
            PersonnummerKey,
            cancellationToken);

        // UniqueKeyTaken: another tablet registered the same personnummer between our check and our save.
        return saved.Value == RegisterSaveStatus.UniqueKeyTaken
            ? await DuplicateAfterRaceAsync(person.Personnummer, exceptId: null, cancellationToken)
            : PersonSaveResult.Saved(person.Id);
    }

    /// <param name="expectedVersion">The version the form was filled from; a newer one means someone else saved in between.</param>
    public async Task<PersonSaveResult> UpdateAsync(StaffActor actor, int personId, int expectedVersion, PersonInput input, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return PersonSaveResult.Refused(refused);
        }

        var details = input.ToDetails(clock.Today);
        if (!details.IsSuccess)
        {
            return PersonSaveResult.Refused(details.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return PersonSaveResult.Refused(PersonErrors.NotFound);
        }

        if (person.Version != expectedVersion)
        {
            return PersonSaveResult.Refused(PersonErrors.ChangedByOther);
        }

        if (await FindHolderAsync(db, details.Value.Personnummer, exceptId: personId, cancellationToken) is { } existing)
        {
            return PersonSaveResult.DuplicateOf(existing);
        }

        var before = Describe(person);
        person.Update(details.Value);
        db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        var audit = Audit.Entry(
            actor, clock.UtcNow, PersonAudit.Updated, nameof(Person), person.Id, $"Personuppgifter för {person.FullName} ändrades",
            before, Describe(person), personId: person.Id);
        return await RegisterSave.UpdateAsync(db, audit, PersonnummerKey, cancellationToken) switch
        {
            RegisterSaveStatus.ChangedByOther => PersonSaveResult.Refused(PersonErrors.ChangedByOther),
            RegisterSaveStatus.UniqueKeyTaken => await DuplicateAfterRaceAsync(details.Value.Personnummer, personId, cancellationToken),
            _ => PersonSaveResult.Saved(person.Id),
        };
    }

    /// <summary>Spärra kund (supervisors): the reason is shown on the person card, in search results and in the redeem wizard.</summary>
    public Task<PersonSaveResult> BlockAsync(StaffActor actor, int personId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeBlockAsync(actor, personId, reason, block: true, cancellationToken);

    /// <summary>Häv spärr (supervisors), with why it is lifted for the audit log.</summary>
    public Task<PersonSaveResult> UnblockAsync(StaffActor actor, int personId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeBlockAsync(actor, personId, reason, block: false, cancellationToken);

    private async Task<PersonSaveResult> ChangeBlockAsync(StaffActor actor, int personId, string? reason, bool block, CancellationToken cancellationToken)
    {
        if (actor.Require(Right.Supervisor) is { } refused)
        {
            return PersonSaveResult.Refused(refused);
        }

        if (!block && string.IsNullOrWhiteSpace(reason))
        {
            return PersonSaveResult.Refused(PersonBlockErrors.UnblockReasonRequired);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return PersonSaveResult.Refused(PersonErrors.NotFound);
        }

        var before = new { person.BlockedReason };
        var nowUtc = clock.UtcNow;
        var changed = block ? person.Block(reason, actor.Name, nowUtc) : person.Unblock();
        if (!changed.IsSuccess)
        {
            return PersonSaveResult.Refused(changed.Errors);
        }

        var audit = Audit.Entry(
            actor, nowUtc, block ? PersonAudit.Blocked : PersonAudit.Unblocked, nameof(Person), person.Id,
            block ? $"{person.FullName} spärrades" : $"Spärren för {person.FullName} hävdes",
            before, new { person.BlockedReason }, personId: person.Id, reason: reason?.Trim());
        return await RegisterSave.UpdateAsync(db, audit, unique: null, cancellationToken) == RegisterSaveStatus.ChangedByOther
            ? PersonSaveResult.Refused(PersonErrors.ChangedByOther)
            : PersonSaveResult.Saved(person.Id);
    }

    /// <summary>What the audit log keeps: the personnummer masked, like every list (domain.md §8).</summary>
    private static object Describe(Person person) => new
    {
        person.FirstName,
        person.LastName,
        Personnummer = person.Personnummer?.Masked,
        BirthDate = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        person.Email,
        person.Phone,
    };

    private static async Task<ExistingPerson?> FindHolderAsync(BrpDbContext db, Personnummer? personnummer, int? exceptId, CancellationToken cancellationToken)
    {
        if (personnummer is not { } wanted)
        {
            return null;
        }

        var holder = await db.People.AsNoTracking()
            .Where(p => p.Personnummer == wanted && p.Id != exceptId)
            .FirstOrDefaultAsync(cancellationToken);
        return holder is null ? null : new ExistingPerson(holder.Id, holder.FullName, holder.CustomerNumber);
    }

    private async Task<PersonSaveResult> DuplicateAfterRaceAsync(Personnummer? personnummer, int? exceptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindHolderAsync(db, personnummer, exceptId, cancellationToken) is { } existing
            ? PersonSaveResult.DuplicateOf(existing)
            : PersonSaveResult.Refused(PersonErrors.Duplicate);
    }
}
