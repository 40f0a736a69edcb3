using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Core.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Common;

/// <summary>A unique index a register's save may run into when another desk saved the same key first.</summary>
public sealed record UniqueKey(string Table, string Column);

public enum RegisterSaveStatus
{
    Saved,

    /// <summary>The unique index refused the row: another desk saved the same key between the check and the save.</summary>
    UniqueKeyTaken,

    /// <summary>Someone else saved the row since the form was filled (its version moved on).</summary>
    ChangedByOther,
}

/// <summary>
/// The one save pipeline of the registers (people, organisations, products; docs/decisions/102): a new row and its
/// audit entry, which needs the new id, in one transaction; a change and its audit entry in one save. Refusals the
/// database makes come back as a <see cref="RegisterSaveStatus"/> for the register to word.
/// </summary>
public static class RegisterSave
{
    /// <summary>
    /// Adds <paramref name="entity"/>, then the audit entry <paramref name="audit"/> builds once it has its id, in one
    /// transaction. <paramref name="checkInside"/> runs after BEGIN (IMMEDIATE for SQLite), so a check and the insert
    /// cannot interleave with another desk's; its refusal ends the save with nothing stored.
    /// </summary>
    public static async Task<Result<RegisterSaveStatus>> InsertAsync<TEntity>(
        BrpDbContext db,
        TEntity entity,
        Func<TEntity, AuditEntry> audit,
        UniqueKey? unique,
        CancellationToken cancellationToken,
        Func<Task<Error?>>? checkInside = null)
        where TEntity : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (checkInside is not null && await checkInside() is { } refused)
        {
            return refused;
        }

        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (unique is not null && DatabaseFailures.IsUniqueViolation(e, unique.Table, unique.Column))
        {
            await transaction.RollbackAsync(cancellationToken);
            return RegisterSaveStatus.UniqueKeyTaken;
        }

        db.AuditEntries.Add(audit(entity));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RegisterSaveStatus.Saved;
    }

    /// <summary>Saves the tracked changes with their audit entry; the caller has set the version the form was filled from.</summary>
    public static async Task<RegisterSaveStatus> UpdateAsync(BrpDbContext db, AuditEntry audit, UniqueKey? unique, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(audit);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RegisterSaveStatus.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterSaveStatus.ChangedByOther;
        }
        catch (DbUpdateException e) when (unique is not null && DatabaseFailures.IsUniqueViolation(e, unique.Table, unique.Column))
        {
            return RegisterSaveStatus.UniqueKeyTaken;
        }
    }
}
