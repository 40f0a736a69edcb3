using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Subscriptions;

/// <summary>One subscription in a billing run, with what the run would charge it.</summary>
public sealed record BillingItem(int SubscriptionId, int PersonId, string PersonName, int CustomerNumber, string ProductName, OperationPreview Preview);

public sealed record BillingRunPreview(DateOnly Until, DateOnly Today, int? SubscriptionId, IReadOnlyList<BillingItem> Items)
{
    public IEnumerable<BillingItem> Billable => Items.Where(i => i.Preview.CanConfirm);

    public Money Total => Billable.Aggregate(Money.Zero, (sum, i) => sum + i.Preview.TotalCharged);
}

/// <summary>
/// One page of a billing run's preview, with the run's counts and total: the page holds the rows staff look at,
/// not every billable subscription (issue 14 point 9, docs/decisions/061).
/// </summary>
public sealed record BillingPreviewPage(
    DateOnly Until, DateOnly Today, int? SubscriptionId, IReadOnlyList<BillingItem> Items, int Page, int PageSize, int TotalCount, int BillableCount, Money Total)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

public sealed record BillingRefusal(BillingItem Item, Error Error);

public sealed record BillingRunOutcome(IReadOnlyList<BillingItem> Billed, IReadOnlyList<BillingRefusal> Refused)
{
    public Money Total => Billed.Aggregate(Money.Zero, (sum, i) => sum + i.Preview.TotalCharged);
}

/// <summary>
/// Debitering (Supervisor): bills one subscription, or every subscription that still has days to bill, up to a
/// date, after a preview. Each subscription is its own operation (one transaction, one audit entry), so one that
/// another tablet changed meanwhile is refused and reported while the others are billed (docs/decisions/012).
/// </summary>
public sealed class BillingRuns(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, SubscriptionOperations operations)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>The run's preview no longer is what staff confirmed: more, fewer or other amounts to bill.</summary>
    public static Error ChangedSincePreview(int count, Money total) => new(
        "billing.changed", $"Debiteringen har ändrats sedan förhandsvisningen: nu {count} abonnemang ({total}). Ingenting debiterades – granska listan igen.");

    /// <summary>One page (0-based) of the preview, with the whole run's counts and total (Supervisor).</summary>
    public async Task<Result<BillingPreviewPage>> PreviewPageAsync(
        StaffActor actor, DateOnly until, int page, int pageSize = DefaultPageSize, int? subscriptionId = null, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(actor, until, subscriptionId, cancellationToken);
        if (!preview.IsSuccess)
        {
            return Result<BillingPreviewPage>.Failure(preview.Errors);
        }

        var run = preview.Value;
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var lastPage = Math.Max(0, (run.Items.Count - 1) / size);
        var index = Math.Clamp(page, 0, lastPage);
        var items = run.Items.Skip(index * size).Take(size).ToList();
        return new BillingPreviewPage(run.Until, run.Today, run.SubscriptionId, items, index, size, run.Items.Count, run.Billable.Count(), run.Total);
    }

    /// <summary>
    /// Bills the run whose page staff confirmed: previewed afresh, billed only when it still comes to the count and
    /// total they saw; each subscription is then billed as previewed, and one changed meanwhile is refused.
    /// </summary>
    public async Task<Result<BillingRunOutcome>> RunAsync(StaffActor actor, BillingPreviewPage confirmed, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(actor, confirmed.Until, confirmed.SubscriptionId, cancellationToken);
        if (!preview.IsSuccess)
        {
            return Result<BillingRunOutcome>.Failure(preview.Errors);
        }

        var run = preview.Value;
        var count = run.Billable.Count();
        if (count != confirmed.BillableCount || run.Total != confirmed.Total)
        {
            return ChangedSincePreview(count, run.Total);
        }

        return await RunAsync(actor, run, cancellationToken);
    }

    public async Task<Result<BillingRunPreview>> PreviewAsync(StaffActor actor, DateOnly until, int? subscriptionId = null, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Supervisor) is { } refused)
        {
            return refused;
        }

        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Subscriptions.AsNoTracking()
            .Include(s => s.Freezes)
            .Include(s => s.BilledPeriods)
            .AsSplitQuery();
        query = subscriptionId is { } id
            ? query.Where(s => s.Id == id)
            : query.Where(s => s.BilledUntil < until && (s.EndDate == null || s.BilledUntil < s.EndDate));
        var subscriptions = await query.ToListAsync(cancellationToken);
        if (subscriptionId is not null && subscriptions.Count == 0)
        {
            return OperationErrors.NotFound;
        }

        var productIds = subscriptions.Select(s => s.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var personIds = subscriptions.Select(s => s.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FirstName, p.LastName })
            .ToDictionaryAsync(p => p.Id, p => (Name: $"{p.FirstName} {p.LastName}".Trim(), Number: Domain.People.Person.CustomerNumberOf(p.Id)), cancellationToken);

        var items = subscriptions
            .Select(s => new BillingItem(
                s.Id, s.PersonId, people[s.PersonId].Name, people[s.PersonId].Number, products[s.ProductId].Name,
                s.PreviewBilling(until, new OperationContext(today, products[s.ProductId]))))
            .Where(i => subscriptionId is not null || i.Preview.CanConfirm)
            .OrderBy(i => i.PersonName).ThenBy(i => i.SubscriptionId)
            .ToList();
        return new BillingRunPreview(until, today, subscriptionId, items);
    }

    /// <summary>Bills what <paramref name="confirmed"/> showed; a subscription changed since is refused and nothing of it stored.</summary>
    public async Task<Result<BillingRunOutcome>> RunAsync(StaffActor actor, BillingRunPreview confirmed, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Supervisor) is { } refused)
        {
            return refused;
        }

        var billed = new List<BillingItem>();
        var refusals = new List<BillingRefusal>();
        foreach (var item in confirmed.Billable)
        {
            var result = await operations.BillAsync(actor, item.SubscriptionId, confirmed.Until, item.Preview, cancellationToken);
            if (result.IsSuccess)
            {
                billed.Add(item);
            }
            else
            {
                refusals.Add(new BillingRefusal(item, result.FirstError!));
            }
        }

        return new BillingRunOutcome(billed, refusals);
    }
}
