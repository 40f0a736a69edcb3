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

        var after = Snapshot(context.Today.Year, rule) with { ProductId = target.Product.Id, MonthlyPrice = target.MonthlyPrice };
        return new OperationPreview
        {
            Before = before,
            After = after,
            Charges = charges,
            Errors = errors,
            Notes = notes,
            OverrideGranted = context.Override.IsGranted,
            Version = Version,
        };
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
        Recalculate();
        return preview;
    }

    /// <summary>
    /// (new monthly − old monthly) × days from the upgrade day to BilledUntil ÷ days in that billing period,
    /// rounded to whole kronor. With an interval of several months the difference is per interval; a run of
    /// several billed periods adds up their shares.
    /// </summary>
    private ChargePreview? UpgradeDifference(UpgradeTarget target, DateOnly upgradeDay, int intervalMonths)
    {
        if (upgradeDay > BilledUntil)
        {
            return null;
        }

        var monthlyDifference = target.MonthlyPrice - MonthlyPrice;
        var perPeriod = monthlyDifference * intervalMonths;
        var spans = Derive(Facts()).Spans.Where(s => s.Range.End >= upgradeDay).ToList();
        decimal exactOre = 0;
        var terms = new List<string>();
        var frozen = ActiveFreezes.Select(f => f.Range).ToList();
        foreach (var span in spans)
        {
            var from = span.Range.Start > upgradeDay ? span.Range.Start : upgradeDay;
            var days = SubscriptionTimeline.UnfrozenDays(from, span.Range.End, frozen);
            var periodDays = span.NominalDays;
            exactOre += (decimal)perPeriod.Ore * days / periodDays;
            var months = intervalMonths == 1 ? string.Empty : $" × {intervalMonths} mån";
            terms.Add($"({target.MonthlyPrice} − {MonthlyPrice}){months} × {days}/{periodDays} dagar");
        }

        if (spans.Count == 0)
        {
            // Billed by the initial BilledUntil only (no recorded run): the period is the interval ending there.
            var periodStart = BilledUntil.AddMonths(-intervalMonths).AddDays(1);
            var periodDays = BilledUntil.DayNumber - periodStart.DayNumber + 1;
            var days = SubscriptionTimeline.UnfrozenDays(upgradeDay, BilledUntil, frozen);
            exactOre = (decimal)perPeriod.Ore * days / periodDays;
            var months = intervalMonths == 1 ? string.Empty : $" × {intervalMonths} mån";
            terms.Add($"({target.MonthlyPrice} − {MonthlyPrice}){months} × {days}/{periodDays} dagar");
        }

        var amount = new Money((long)Math.Round(exactOre / 100m, MidpointRounding.AwayFromZero) * 100);
        return new ChargePreview(ChargeKind.UpgradeDifference, amount, $"{string.Join(" + ", terms)} = {amount}");
    }
}
