using System.Data.Common;
using System.Runtime.CompilerServices;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// Every change writes an audit entry in its own transaction. Once that is committed, this writes the operation's
/// one log line (who did what, by ids, never personal data) and counts it in <c>brp.operations</c>; a rolled-back
/// change is neither logged nor counted.
/// </summary>
public sealed class AuditObserver(BrpMetrics metrics, ILogger<AuditObserver> logger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<AuditEntry>> saving = [];
    private readonly ConditionalWeakTable<DbContext, List<AuditEntry>> uncommitted = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(saving, eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(saving, eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    // A pooled context may come back with a transaction that was disposed without a commit: start afresh.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(uncommitted, eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(uncommitted, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Report(Take(uncommitted, eventData.Context));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Report(Take(uncommitted, eventData.Context));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(uncommitted, eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
        {
            saving.AddOrUpdate(context, added);
        }
    }

    private void Saved(DbContext? context)
    {
        var entries = Take(saving, context);
        if (entries.Count == 0 || context is null)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            Report(entries);
        }
        else
        {
            uncommitted.GetOrCreateValue(context).AddRange(entries);
        }
    }

    private void Report(List<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            metrics.Operation(entry.Action);
            logger.LogInformation(
                "Operation {Action} on {EntityType} {EntityId} by staff {StaffId}", entry.Action, entry.EntityType, entry.EntityId, entry.ActorId);
        }
    }

    private static List<AuditEntry> Take(ConditionalWeakTable<DbContext, List<AuditEntry>> table, DbContext? context)
    {
        if (context is not null && table.TryGetValue(context, out var entries))
        {
            table.Remove(context);
            return entries;
        }

        return [];
    }

    private static void Forget(ConditionalWeakTable<DbContext, List<AuditEntry>> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
