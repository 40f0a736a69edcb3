using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>A product change booked for a later day: Byta till billigare produkt (docs/decisions/073).</summary>
public sealed record ScheduledChange(int ProductId, string ProductName, Money MonthlyPrice, DateOnly From);

/// <summary>Byta till billigare produkt.</summary>
public sealed record DowngradeRequest(UpgradeTarget? Target);

/// <summary>
/// Downgrade: a cheaper main product of the same kind from the next billing period, never mid-period and
/// nothing refunded. It is scheduled: the billing run that bills the period from that day bills the new price
/// and moves the subscription to the new product. An upgrade cancels it; a second downgrade replaces it.
/// </summary>
public sealed partial class Subscription
{
    public int? ScheduledProductId { get; private set; }

    public string? ScheduledProductName { get; private set; }

    public Money? ScheduledMonthlyPrice { get; private set; }

    public DateOnly? ScheduledFrom { get; private set; }

    public string? ScheduledBy { get; private set; }

    public DateTime? ScheduledUtc { get; private set; }

    /// <summary>The booked change, or null.</summary>
    public ScheduledChange? Scheduled =>
        ScheduledProductId is { } id && ScheduledMonthlyPrice is { } price && ScheduledFrom is { } from
            ? new ScheduledChange(id, ScheduledProductName ?? string.Empty, price, from)
            : null;

    /// <summary>Why Byta till billigare produkt is not possible right now (apart from there being a cheaper product), or null.</summary>
    public Error? WhyNotDowngrade(DateOnly today)
    {
        if (IsCancelled)
        {
            return SubscriptionErrors.Cancelled;
        }

        return EndDate is { } end && end < today ? SubscriptionErrors.Ended : null;
    }

    /// <summary>Why Ångra produktbyte is not possible right now, or null.</summary>
    public Error? WhyNotCancelScheduledChange(DateOnly today) =>
        Scheduled is not { } scheduled ? SubscriptionErrors.NoScheduledChange
        : scheduled.From <= today ? SubscriptionErrors.ScheduledChangeStarted(scheduled)
        : null;

    /// <summary>True when <paramref name="target"/> is a product this subscription could change down to: cheaper, same kind and interval, a main product.</summary>
    public bool IsDowngradeCandidate(UpgradeTarget target, int billingIntervalMonths) =>
        target.Product.Id != ProductId
        && !target.Product.IsAddOn
        && !target.Product.IsRetired
        && target.Product.Kind == (IsFixedTerm ? ProductKind.FixedTerm : ProductKind.Running)
        && target.Product.BillingIntervalMonths == billingIntervalMonths
        && target.MonthlyPrice < MonthlyPrice;

    /// <summary>
    /// The first day of the next billing period that has not begun: BilledUntil + 1, or, when billing is behind,
    /// the first later period start on or after today (each period is one interval of unfrozen days, §6.6).
    /// </summary>
    public DateOnly NextPeriodStart(DateOnly today, int intervalMonths)
    {
        var frozen = ActiveFreezes.Select(f => f.Range).ToList();
        var start = BilledUntil.AddDays(1);
        while (start < today)
        {
            start = SubscriptionTimeline.AdvanceUnfrozenDays(start.AddDays(-1), SubscriptionTimeline.NominalDays(start, intervalMonths), frozen).AddDays(1);
        }

        return start;
    }

    public OperationPreview PreviewDowngrade(DowngradeRequest request, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(context.Today.Year, rule);
        if (WhyNotDowngrade(context.Today) is { } blocked)
        {
            return Refused(before, [blocked], context);
        }

        if (request.Target is not { } target)
        {
            return Refused(before, [SubscriptionErrors.NoDowngradeTarget], context);
        }

        var errors = new List<Error>();
        if (target.Product.IsAddOn)
        {
            errors.Add(SubscriptionErrors.AddOnTarget);
        }

        if (target.Product.Kind != (IsFixedTerm ? ProductKind.FixedTerm : ProductKind.Running))
        {
            errors.Add(SubscriptionErrors.DowngradeDifferentKind);
        }

        if (target.Product.BillingIntervalMonths != context.Product.BillingIntervalMonths)
        {
            errors.Add(SubscriptionErrors.DowngradeDifferentInterval(context.Product.BillingIntervalMonths));
        }

        if (target.MonthlyPrice >= MonthlyPrice)
        {
            errors.Add(SubscriptionErrors.NotCheaper(MonthlyPrice, target.MonthlyPrice));
        }

        var from = NextPeriodStart(context.Today, context.Product.BillingIntervalMonths);
        if (EndDate is { } end && from > end)
        {
            errors.Add(SubscriptionErrors.EndsBeforeNextPeriod(end));
        }

        if (BoundUntil is { } bound && from <= bound && !context.Product.AllowsDowngradeDuringBinding)
        {
            errors.Add(SubscriptionErrors.DowngradeDuringBinding(context.Product.Name, bound));
        }

        var notes = new List<string>
        {
            $"Byter till {target.Product.Name} ({target.MonthlyPrice}/mån) från {from:yyyy-MM-dd}, första dagen i nästa debiteringsperiod.",
            $"Perioden t.o.m. {from.AddDays(-1):yyyy-MM-dd} är betald till nuvarande pris {MonthlyPrice}/mån: inget återbetalas.",
            "Startdatum, bundet t.o.m. och debiterat t.o.m. ändras inte. Bytet kan ångras fram till att det börjar gälla.",
        };
        if (BoundUntil is { } boundNote && from <= boundNote && context.Product.AllowsDowngradeDuringBinding)
        {
            notes.Add($"{context.Product.Name} tillåter byte till billigare produkt under bindningstiden (bundet t.o.m. {boundNote:yyyy-MM-dd}).");
        }

        if (Scheduled is { } replaced)
        {
            notes.Add($"Ersätter det planerade bytet till {replaced.ProductName} från {replaced.From:yyyy-MM-dd}.");
        }

        var after = before with { Scheduled = new ScheduledChange(target.Product.Id, target.Product.Name, target.MonthlyPrice, from) };
        return PreviewOf(before, after, context, errors, notes);
    }

    public Result<OperationPreview> Downgrade(DowngradeRequest request, OperationContext context, string staffId, DateTime nowUtc)
    {
        var preview = PreviewDowngrade(request, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        var scheduled = preview.After.Scheduled!;
        ScheduledProductId = scheduled.ProductId;
        ScheduledProductName = scheduled.ProductName;
        ScheduledMonthlyPrice = scheduled.MonthlyPrice;
        ScheduledFrom = scheduled.From;
        ScheduledBy = staffId;
        ScheduledUtc = nowUtc;
        return preview;
    }

    public OperationPreview PreviewCancelScheduledChange(OperationContext context)
    {
        var before = Snapshot(context.Today.Year, context.Product.FreezeRule);
        if (WhyNotCancelScheduledChange(context.Today) is { } blocked)
        {
            return Refused(before, [blocked], context);
        }

        var scheduled = Scheduled!;
        IReadOnlyList<string> notes =
        [
            $"Det planerade bytet till {scheduled.ProductName} från {scheduled.From:yyyy-MM-dd} tas bort: {context.Product.Name} ({MonthlyPrice}/mån) fortsätter.",
        ];
        return PreviewOf(before, before with { Scheduled = null }, context, [], notes);
    }

    public Result<OperationPreview> CancelScheduledChange(OperationContext context)
    {
        var preview = PreviewCancelScheduledChange(context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        ClearScheduledChange();
        return preview;
    }

    /// <summary>The monthly price billed for a period that starts on <paramref name="periodStart"/>.</summary>
    internal Money MonthlyPriceFrom(DateOnly periodStart) =>
        Scheduled is { } scheduled && periodStart >= scheduled.From ? scheduled.MonthlyPrice : MonthlyPrice;

    /// <summary>A billing run has billed the first period at the new price: the subscription is now on the new product.</summary>
    private void TakeScheduledChangeEffect(string staffId, DateTime nowUtc)
    {
        var scheduled = Scheduled!;
        productChanges.Add(new ProductChange(ProductId, scheduled.ProductId, MonthlyPrice, scheduled.MonthlyPrice, scheduled.From, staffId, nowUtc));
        ProductId = scheduled.ProductId;
        MonthlyPrice = scheduled.MonthlyPrice;
        ClearScheduledChange();
    }

    private void ClearScheduledChange()
    {
        ScheduledProductId = null;
        ScheduledProductName = null;
        ScheduledMonthlyPrice = null;
        ScheduledFrom = null;
        ScheduledBy = null;
        ScheduledUtc = null;
    }
}
