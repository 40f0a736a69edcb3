using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>A product to upgrade to, at the price the member would pay (the organisation's price list or the list price).</summary>
public sealed record UpgradeTarget(Product Product, Money MonthlyPrice);

/// <summary>Uppgradera.</summary>
public sealed record UpgradeRequest(UpgradeTarget? Target, DateOnly UpgradeDay);

/// <summary>Upgrade (domain.md §6.5).</summary>
public sealed partial class Subscription
{
    /// <summary>Why Uppgradera is not possible right now (apart from there being a dearer product), or null.</summary>
    public Error? WhyNotUpgrade(DateOnly today)
    {
        if (IsCancelled)
        {
            return SubscriptionErrors.Cancelled;
        }

        if (EndDate is { } end && end < today)
        {
            return SubscriptionErrors.Ended;
        }

        if (!HasBeenBilled)
        {
            return SubscriptionErrors.NotBilled;
        }

        return ActiveFreezes.Any(f => f.Range.End >= today) ? SubscriptionErrors.HasCurrentOrFutureFreeze : null;
    }

    /// <summary>True when <paramref name="target"/> is a product this subscription could move to: dearer, same kind, a main product.</summary>
    public bool IsUpgradeCandidate(UpgradeTarget target) =>
        target.Product.Id != ProductId
        && !target.Product.IsAddOn
        && !target.Product.IsRetired
        && target.Product.Kind == (IsFixedTerm ? ProductKind.FixedTerm : ProductKind.Running)
        && target.MonthlyPrice > MonthlyPrice;

    public OperationPreview PreviewUpgrade(UpgradeRequest request, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(context.Today.Year, rule);
        if (WhyNotUpgrade(context.Today) is { } blocked)
        {
            return Refused(before, [blocked], context);
        }

        if (request.Target is not { } target)
        {
            return Refused(before, [SubscriptionErrors.NoUpgradeTarget], context);
        }

        var errors = new List<Error>();
        if (target.Product.IsAddOn)
        {
            errors.Add(SubscriptionErrors.AddOnTarget);
        }

        if (target.Product.Kind != (IsFixedTerm ? ProductKind.FixedTerm : ProductKind.Running))
        {
            errors.Add(SubscriptionErrors.DifferentKind);
        }

        if (target.MonthlyPrice <= MonthlyPrice)
        {
            errors.Add(SubscriptionErrors.NotMoreExpensive(MonthlyPrice, target.MonthlyPrice));
        }

        if (request.UpgradeDay < StartDate)
        {
            errors.Add(SubscriptionErrors.UpgradeBeforeStart);
        }
        else if (request.UpgradeDay < context.Today)
        {
            errors.Add(SubscriptionErrors.UpgradeInPast);
        }

        var charges = new List<ChargePreview>();
        var notes = new List<string>
        {
            $"Nytt pris {target.MonthlyPrice}/mån gäller från {request.UpgradeDay:yyyy-MM-dd}. Start, bundet t.o.m. och debiterat t.o.m. ändras inte.",
        };
        var difference = UpgradeDifference(target, request.UpgradeDay, context.Product.BillingIntervalMonths);
        if (difference is { } charge && charge.Amount.Ore > 0)
        {
            charges.Add(charge);
        }
        else
        {
            notes.Add("Ingen mellanskillnad: det nya priset tas ut från nästa debitering.");
        }

        if (Scheduled is { } scheduled)
        {
            notes.Add($"Det planerade bytet till {scheduled.ProductName} från {scheduled.From:yyyy-MM-dd} tas bort av uppgraderingen.");
        }

        // Freezes left this year follow the new product's freeze rule; an upgrade cancels a scheduled downgrade.
        var after = Snapshot(context.Today.Year, target.Product.FreezeRule) with { ProductId = target.Product.Id, MonthlyPrice = target.MonthlyPrice, Scheduled = null };
        return PreviewOf(before, after, context, errors, notes, charges);
    }

    public Result<OperationPreview> Upgrade(UpgradeRequest request, OperationContext context, string staffId, DateTime nowUtc)
    {
        var preview = PreviewUpgrade(request, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        var target = request.Target!;
        productChanges.Add(new ProductChange(ProductId, target.Product.Id, MonthlyPrice, target.MonthlyPrice, request.UpgradeDay, staffId, nowUtc));
        foreach (var charge in preview.Charges)
        {
            charges.Add(new Charge(charge.Kind, charge.Amount, charge.Formula, staffId, nowUtc));
        }

        ProductId = target.Product.Id;
        MonthlyPrice = target.MonthlyPrice;
        ClearScheduledChange();
        Recalculate();
        return preview;
    }

    /// <summary>
    /// (new monthly − old monthly) × days from the upgrade day to BilledUntil ÷ days in that billing period,
    /// rounded to whole kronor. With an interval of several months the difference is per interval; when the
    /// upgrade day lies further back than the last period, every billed period after it adds its share.
    /// Frozen days are not counted (the member did not pay for them).
    /// </summary>
    private ChargePreview? UpgradeDifference(UpgradeTarget target, DateOnly upgradeDay, int intervalMonths)
    {
        if (upgradeDay > BilledUntil)
        {
            return null;
        }

        var perPeriod = (target.MonthlyPrice - MonthlyPrice) * intervalMonths;
        var frozen = ActiveFreezes.Select(f => f.Range).ToList();
        var difference = intervalMonths == 1
            ? $"({target.MonthlyPrice} − {MonthlyPrice})"
            : $"({target.MonthlyPrice} − {MonthlyPrice}) × {intervalMonths} mån";
        decimal exactOre = 0;
        var fullPeriods = 0;
        var parts = new List<string>();
        foreach (var (range, periodDays) in BilledPeriodsFrom(upgradeDay, intervalMonths))
        {
            var from = range.Start > upgradeDay ? range.Start : upgradeDay;
            var days = SubscriptionTimeline.UnfrozenDays(from, range.End, frozen);
            if (days == 0)
            {
                continue;
            }

            exactOre += (decimal)perPeriod.Ore * days / periodDays;
            if (days == periodDays)
            {
                fullPeriods++;
            }
            else
            {
                parts.Add($"{difference} × {days}/{periodDays} dagar");
            }
        }

        if (fullPeriods > 0)
        {
            parts.Add(fullPeriods == 1 ? difference : $"{fullPeriods} × {difference}");
        }

        var amount = new Money((long)Math.Round(exactOre / 100m, MidpointRounding.AwayFromZero) * 100);
        return new ChargePreview(ChargeKind.UpgradeDifference, amount, $"{string.Join(" + ", parts.DefaultIfEmpty(difference + " × 0 dagar"))} = {amount}");
    }

    /// <summary>
    /// The billed periods that end on or after <paramref name="day"/>, in order, each with the days of its period.
    /// What was billed before the first recorded billing run (the BilledUntil a subscription started with, and
    /// any days a freeze gave back before that run) is split into whole billing periods counted back from its
    /// last day, so a subscription billed to 2014-06-30 has June (30 days) as its last period.
    /// </summary>
    private List<(DateRange Range, int PeriodDays)> BilledPeriodsFrom(DateOnly day, int intervalMonths)
    {
        var spans = Derive(Facts()).Spans;
        var periods = new List<(DateRange Range, int PeriodDays)>();
        var initialEnd = spans.Count > 0 ? spans[0].Range.Start.AddDays(-1) : BilledUntil;
        for (var end = initialEnd; end >= day && end >= StartDate;)
        {
            var start = end.AddDays(1).AddMonths(-intervalMonths);
            periods.Insert(0, (new DateRange(start, end), end.DayNumber - start.DayNumber + 1));
            end = start.AddDays(-1);
        }

        periods.AddRange(spans.Where(s => s.Range.End >= day).Select(s => (s.Range, s.NominalDays)));
        return periods;
    }
}
