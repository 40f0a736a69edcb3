using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Subscriptions;

/// <summary>
/// Frys, Ta bort frysning, Förkorta / Förlänga pågående frysning, Säg upp, Uppgradera, debitering of one
/// subscription, and Markera som betald. A dialog loads the subscription (<see cref="LoadAsync"/>) and previews
/// on it without the database; confirming sends the preview staff saw. The apply loads the subscription afresh,
/// refuses when its version is not the one previewed, lets the domain apply, checks the outcome is what the
/// preview showed, and saves the change with one audit entry in one SaveChanges (one transaction). Then open
/// pages and dialogs on other tablets hear of it through <see cref="IChangeFeed"/>.
/// </summary>
public sealed class SubscriptionOperations(
    IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, IChangeFeed changeFeed, IBrpDatabase database)
{
    /// <summary>The subscription a dialog previews on (Reception: it names the member and their dates).</summary>
    public async Task<Result<LoadedSubscription>> LoadAsync(StaffActor actor, int subscriptionId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        return await WhenNotBusyAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var loaded = await SubscriptionLoader.LoadAsync(db, subscriptionId, clock.Today, cancellationToken);
            return loaded is null ? OperationErrors.NotFound : Result.Success(loaded);
        });
    }

    public Task<Result<OperationPreview>> FreezeAsync(
        StaffActor actor, int subscriptionId, FreezeRequest request, string? overrideReason, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, overrideReason, request.Reason, "subscription.freeze"),
            l => $"Frysning {request.Start:yyyy-MM-dd} – {request.End:yyyy-MM-dd} lades in på {l.Product.Name}",
            (l, context) => l.Subscription.Freeze(request, context, actor.Id, clock.UtcNow),
            new { Freeze = new { request.Start, request.End, request.Reason } },
            cancellationToken);

    public Task<Result<OperationPreview>> RemoveFreezeAsync(
        StaffActor actor, int subscriptionId, int freezeId, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, null, null, "subscription.freeze.remove"),
            l => $"Frysningen {l.Subscription.ActiveFreeze(freezeId)?.Range} togs bort på {l.Product.Name}",
            (l, context) => l.Subscription.ActiveFreeze(freezeId) is { } freeze
                ? l.Subscription.RemoveFreeze(freeze, context, clock.UtcNow)
                : SubscriptionErrors.FreezeNotFound,
            new { RemovedFreezeId = freezeId },
            cancellationToken);

    public Task<Result<OperationPreview>> ChangeFreezeEndAsync(
        StaffActor actor, int subscriptionId, int freezeId, FreezeChange change, DateOnly newEnd, string? overrideReason, OperationPreview confirmed,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, overrideReason, null,
                change == FreezeChange.Shorten ? "subscription.freeze.shorten" : "subscription.freeze.extend"),
            l => $"Frysningen {l.Subscription.ActiveFreeze(freezeId)?.Range} {(change == FreezeChange.Shorten ? "förkortades" : "förlängdes")} till {newEnd:yyyy-MM-dd} på {l.Product.Name}",
            (l, context) => l.Subscription.ActiveFreeze(freezeId) is { } freeze
                ? l.Subscription.ChangeFreezeEnd(freeze, change, newEnd, context)
                : SubscriptionErrors.FreezeNotFound,
            new { FreezeId = freezeId, Change = change.ToString(), NewEnd = newEnd },
            cancellationToken);

    /// <param name="request">Its <see cref="CancelRequest.NoticeFromTomorrow"/> comes from the app's setting.</param>
    public Task<Result<OperationPreview>> CancelAsync(
        StaffActor actor, int subscriptionId, CancelRequest request, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, null, request.Reason, "subscription.cancel"),
            l => $"{l.Product.Name} sades upp, slutdatum {confirmed.After.EndDate:yyyy-MM-dd}",
            (l, context) => l.Subscription.Cancel(request, context, actor.Id, clock.UtcNow),
            new { Cancel = new { request.Reason, request.FinalPayment, request.NoticeFromTomorrow } },
            cancellationToken);

    public Task<Result<OperationPreview>> UpgradeAsync(
        StaffActor actor, int subscriptionId, int targetProductId, DateOnly upgradeDay, string? overrideReason, OperationPreview confirmed,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, overrideReason, null, "subscription.upgrade"),
            l => $"{l.Product.Name} uppgraderades till {l.ProductName(targetProductId)} från {upgradeDay:yyyy-MM-dd}",
            (l, context) => l.Subscription.Upgrade(new UpgradeRequest(l.Target(targetProductId), upgradeDay), context, actor.Id, clock.UtcNow),
            new { Upgrade = new { TargetProductId = targetProductId, UpgradeDay = upgradeDay } },
            cancellationToken);

    /// <summary>Byta till billigare produkt: scheduled from the next billing period (docs/decisions/073).</summary>
    public Task<Result<OperationPreview>> DowngradeAsync(
        StaffActor actor, int subscriptionId, int targetProductId, string? overrideReason, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, overrideReason, null, "subscription.downgrade"),
            l => $"{l.Product.Name} byter till {l.ProductName(targetProductId)} från {confirmed.After.Scheduled?.From:yyyy-MM-dd}",
            (l, context) => l.Subscription.Downgrade(new DowngradeRequest(l.DowngradeTarget(targetProductId)), context, actor.Id, clock.UtcNow),
            new { Downgrade = new { TargetProductId = targetProductId, confirmed.After.Scheduled?.From } },
            cancellationToken);

    /// <summary>Ångra produktbyte: the scheduled downgrade is removed before it takes effect.</summary>
    public Task<Result<OperationPreview>> CancelScheduledChangeAsync(
        StaffActor actor, int subscriptionId, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Reception, subscriptionId, confirmed, null, null, "subscription.downgrade.cancel"),
            l => $"Det planerade bytet till {l.Subscription.ScheduledProductName} från {l.Subscription.ScheduledFrom:yyyy-MM-dd} togs bort",
            (l, context) => l.Subscription.CancelScheduledChange(context),
            new { CancelScheduledChange = true },
            cancellationToken);

    /// <summary>Ångra uppsägning: a supervisor's undo of a cancellation, with a written reason.</summary>
    public Task<Result<OperationPreview>> UndoCancelAsync(
        StaffActor actor, int subscriptionId, string? reason, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Supervisor, subscriptionId, confirmed, null, reason, "subscription.cancel.undo"),
            l => $"Uppsägningen av {l.Product.Name} ångrades",
            (l, context) => l.Subscription.UndoCancel(reason, context),
            new { UndoCancel = new { Reason = reason } },
            cancellationToken);

    /// <summary>A billing run for one subscription up to <paramref name="until"/> (Supervisor).</summary>
    public Task<Result<OperationPreview>> BillAsync(
        StaffActor actor, int subscriptionId, DateOnly until, OperationPreview confirmed, CancellationToken cancellationToken = default) =>
        ApplyAsync(
            new Operation(actor, Right.Supervisor, subscriptionId, confirmed, null, null, "subscription.billing"),
            l => $"{l.Product.Name} debiterades t.o.m. {confirmed.After.BilledUntil:yyyy-MM-dd}",
            (l, context) => l.Subscription.Bill(until, context, actor.Id, clock.UtcNow),
            new { Billing = new { Until = until } },
            cancellationToken);

    /// <summary>Markera som betald: the member paid a charge at the till.</summary>
    public async Task<Result> MarkChargePaidAsync(StaffActor actor, int subscriptionId, int chargeId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        try
        {
            return await MarkChargePaidCoreAsync(actor, subscriptionId, chargeId, cancellationToken);
        }
        catch (Exception e) when (DatabaseFailures.IsBusy(e))
        {
            return OperationErrors.Busy;
        }
    }

    private async Task<Result> MarkChargePaidCoreAsync(StaffActor actor, int subscriptionId, int chargeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await SubscriptionLoader.LoadAsync(db, subscriptionId, clock.Today, cancellationToken);
        var charge = loaded?.Subscription.Charges.FirstOrDefault(c => c.Id == chargeId);
        if (loaded is null || charge is null)
        {
            return OperationErrors.ChargeNotFound;
        }

        var now = clock.UtcNow;
        var marked = loaded.Subscription.MarkChargePaid(chargeId, actor.Id, now);
        if (!marked.IsSuccess)
        {
            return marked;
        }

        var description = $"{charge.Amount} ({ChargeWords(charge.Kind)}) markerades som betald";
        db.AuditEntries.Add(Audit.Entry(
            actor, now, "subscription.charge.paid", nameof(Subscription), subscriptionId, description,
            new { ChargeId = chargeId, Amount = charge.Amount.ToString(), Kind = charge.Kind.ToString(), Paid = false },
            new { ChargeId = chargeId, Amount = charge.Amount.ToString(), Kind = charge.Kind.ToString(), Paid = true },
            loaded.PersonId, loaded.Subscription.OrganisationId));
        if (!await SaveAsync(db, cancellationToken))
        {
            return OperationErrors.Stale;
        }

        Publish(loaded, description, actor);
        return Result.Success();
    }

    private async Task<Result<OperationPreview>> ApplyAsync(
        Operation operation,
        Func<LoadedSubscription, string> describe,
        Func<LoadedSubscription, OperationContext, Result<OperationPreview>> apply,
        object details,
        CancellationToken cancellationToken)
    {
        var actor = operation.Actor;
        if (actor.Require(operation.Right) is { } refused)
        {
            return refused;
        }

        return await WhenNotBusyAsync(() => ApplyCoreAsync(operation, describe, apply, details, cancellationToken));
    }

    /// <summary>
    /// A SQLite busy timeout (another writer held the file) is a refusal to try again, never an exception that
    /// ends the staff member's circuit (docs/decisions/063).
    /// </summary>
    private static async Task<Result<T>> WhenNotBusyAsync<T>(Func<Task<Result<T>>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (DatabaseFailures.IsBusy(e))
        {
            return OperationErrors.Busy;
        }
    }

    private async Task<Result<OperationPreview>> ApplyCoreAsync(
        Operation operation,
        Func<LoadedSubscription, string> describe,
        Func<LoadedSubscription, OperationContext, Result<OperationPreview>> apply,
        object details,
        CancellationToken cancellationToken)
    {
        var actor = operation.Actor;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await SubscriptionLoader.LoadAsync(db, operation.SubscriptionId, clock.Today, cancellationToken);
        if (loaded is null)
        {
            return OperationErrors.NotFound;
        }

        if (loaded.Version != operation.Confirmed.Version)
        {
            return OperationErrors.Stale;
        }

        var description = describe(loaded);
        var result = apply(loaded, loaded.Context(actor, operation.OverrideReason));
        if (!result.IsSuccess)
        {
            return await ChangedMeanwhileAsync(db, operation) ? OperationErrors.Stale : result;
        }

        var preview = result.Value;
        if (!SameOutcome(preview, operation.Confirmed))
        {
            return await ChangedMeanwhileAsync(db, operation) ? OperationErrors.Stale : OperationErrors.OutcomeChanged;
        }

        var overridden = preview.Errors.Count > 0;
        var reason = overridden
            ? $"Undantag ({string.Join("; ", preview.Errors.Select(e => e.Message))}): {operation.OverrideReason}"
            : operation.Reason;
        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, operation.Action, nameof(Subscription), loaded.Id, description,
            new { Subscription = AuditView(preview.Before) },
            new
            {
                Subscription = AuditView(preview.After),
                Operation = details,
                Charges = preview.Charges.Select(c => new { Kind = c.Kind.ToString(), Amount = c.Amount.ToString(), c.Formula }),
            },
            loaded.PersonId, loaded.Subscription.OrganisationId, reason));
        if (!await SaveAsync(db, cancellationToken))
        {
            return OperationErrors.Stale;
        }

        Publish(loaded, description, actor);
        return preview;
    }

    /// <summary>
    /// The subscription is loaded with several queries, so another tablet's save can land between them: its freeze is
    /// read, its new version is not. When the apply is then refused, the staff member is told what happened (someone
    /// else changed it), not that the outcome moved.
    /// </summary>
    private static async Task<bool> ChangedMeanwhileAsync(BrpDbContext db, Operation operation) =>
        await db.Subscriptions.AsNoTracking().Where(s => s.Id == operation.SubscriptionId).Select(s => s.Version).SingleOrDefaultAsync() != operation.Confirmed.Version;

    /// <summary>The apply stores exactly what the preview showed, or nothing.</summary>
    private static bool SameOutcome(OperationPreview applied, OperationPreview confirmed) =>
        applied.After == confirmed.After && applied.Charges.SequenceEqual(confirmed.Charges);

    /// <summary>Saves; false when another tablet saved the same subscription first (nothing of this one is stored).</summary>
    private static async Task<bool> SaveAsync(BrpDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private void Publish(LoadedSubscription loaded, string description, StaffActor actor) =>
        changeFeed.Publish(new SubscriptionChanged(database.Name, loaded.PersonId, loaded.Id, loaded.Version, description, actor.Name, actor.Id));

    private static object AuditView(SubscriptionSnapshot s) => new
    {
        s.ProductId,
        Scheduled = s.Scheduled is { } c ? new { c.ProductId, c.ProductName, MonthlyPrice = c.MonthlyPrice.ToString(), c.From } : null,
        MonthlyPrice = s.MonthlyPrice.ToString(),
        s.BoundUntil,
        s.BilledUntil,
        s.EndDate,
        s.SavedDays,
        s.UsedDays,
    };

    internal static string ChargeWords(ChargeKind kind) => kind switch
    {
        ChargeKind.FreezeFee => "frysningsavgift",
        ChargeKind.UpgradeDifference => "mellanskillnad uppgradering",
        ChargeKind.FinalPayment => "slutbetalning",
        _ => "debitering",
    };

    private sealed record Operation(
        StaffActor Actor, Right Right, int SubscriptionId, OperationPreview Confirmed, string? OverrideReason, string? Reason, string Action);
}

/// <summary>Loads a subscription with everything its previews need, tracked so an apply can save it.</summary>
internal static class SubscriptionLoader
{
    public static async Task<LoadedSubscription?> LoadAsync(BrpDbContext db, int subscriptionId, DateOnly today, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions
            .Include(s => s.Freezes)
            .Include(s => s.Charges)
            .Include(s => s.BilledPeriods)
            .Include(s => s.ProductChanges)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        var product = await db.Products.FirstAsync(p => p.Id == subscription.ProductId, cancellationToken);
        var person = await db.People.Where(p => p.Id == subscription.PersonId)
            .Select(p => new { p.FirstName, p.LastName }).FirstAsync(cancellationToken);
        string? organisationName = null;
        List<UpgradeTarget> targets;
        if (subscription.OrganisationId is { } organisationId)
        {
            var organisation = await db.Organisations.Include(o => o.PriceList).FirstAsync(o => o.Id == organisationId, cancellationToken);
            organisationName = organisation.Name;
            var ids = organisation.PriceList.Select(e => e.ProductId).ToList();
            var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            targets = organisation.PriceList.Select(e => new UpgradeTarget(products[e.ProductId], e.MonthlyPrice)).ToList();
        }
        else
        {
            var products = await db.Products.Where(p => !p.IsAddOn && !p.IsRetired).ToListAsync(cancellationToken);
            targets = products.Select(p => new UpgradeTarget(p, p.MonthlyPrice)).ToList();
        }

        var candidates = targets.Where(subscription.IsUpgradeCandidate).OrderBy(t => t.MonthlyPrice).ThenBy(t => t.Product.Name).ToList();
        var cheaper = targets.Where(t => subscription.IsDowngradeCandidate(t, product.BillingIntervalMonths))
            .OrderByDescending(t => t.MonthlyPrice).ThenBy(t => t.Product.Name).ToList();
        return new LoadedSubscription(subscription, product, $"{person.FirstName} {person.LastName}".Trim(), organisationName, candidates, today)
        {
            DowngradeTargets = cheaper,
        };
    }
}
