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
            .ToDictionaryAsync(p => p.Id, p => (Name: $"{p.FirstName} {p.LastName}".Trim(), Number: p.Id + Domain.People.Person.CustomerNumberBase), cancellationToken);

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
