using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>One period a billing run would charge.</summary>
public sealed record BillingPeriodPlan(DateRange Range, int NominalDays, int CoveredDays, int FrozenDays, Money Amount, bool Clipped, string Formula);

/// <summary>The periods a billing run (or a final payment) would charge, in order.</summary>
public sealed record BillingPlan(IReadOnlyList<BillingPeriodPlan> Periods, Money PeriodPrice)
{
    /// <summary>"6 × 100 kr = 600 kr", or with a part period "5 × 100 kr + 100 kr × 14/31 dagar = 545 kr".</summary>
    public string FormulaSummary(Money total)
    {
        var full = Periods.Count(p => !p.Clipped);
        var parts = new List<string>();
        if (full > 0)
        {
            parts.Add($"{full} × {PeriodPrice}");
        }

        parts.AddRange(Periods.Where(p => p.Clipped).Select(p => $"{PeriodPrice} × {p.CoveredDays}/{p.NominalDays} dagar"));
        return $"{string.Join(" + ", parts)} = {total}";
    }
}

/// <summary>Billing runs (domain.md §6.6).</summary>
public sealed partial class Subscription
{
    /// <summary>The most periods one run may charge, so a mistyped year cannot bill decades at once.</summary>
    public const int MaxPeriodsPerRun = 60;

    public OperationPreview PreviewBilling(DateOnly until, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(context.Today.Year, rule);
        var plan = PlanBilling(until, context, clipAt: EndDate);
        if (plan.Periods.Count == 0)
        {
            return Refused(before, [SubscriptionErrors.NothingToBill], context);
        }

        var facts = plan.Periods.Select((p, i) => new BillingFact(-1 - i, NextSequence + i, context.Product.BillingIntervalMonths, p.Clipped ? p.Range.End : null));
        var after = SnapshotOf(Derive(Facts(extraBilling: facts)), context.Today.Year, rule, ProductId, MonthlyPrice, 0, 0);
        var notes = new List<string>();
        if (plan.Periods.Any(p => p.FrozenDays > 0))
        {
            notes.Add("Frysta dagar debiteras inte: perioden förlängs med lika många dagar.");
        }

        if (TakesScheduledChangeEffect(plan) is { } scheduled)
        {
            after = after with { ProductId = scheduled.ProductId, MonthlyPrice = scheduled.MonthlyPrice, Scheduled = null };
            notes.Add($"Planerat byte: från {scheduled.From:yyyy-MM-dd} debiteras {scheduled.ProductName}, {scheduled.MonthlyPrice}/mån.");
        }

        var charges = plan.Periods.Select(p => new ChargePreview(ChargeKind.Billing, p.Amount, p.Formula)).ToList();
        return PreviewOf(before, after, context, [], notes, charges);
    }

    public Result<OperationPreview> Bill(DateOnly until, OperationContext context, string staffId, DateTime nowUtc)
    {
        var preview = PreviewBilling(until, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        var plan = PlanBilling(until, context, clipAt: EndDate);
        foreach (var period in plan.Periods)
        {
            var charge = new Charge(ChargeKind.Billing, period.Amount, period.Formula, staffId, nowUtc);
            charges.Add(charge);
            billedPeriods.Add(new BilledPeriod(NextSequence++, context.Product.BillingIntervalMonths, period.Clipped ? period.Range.End : null, period.Amount, nowUtc, charge));
        }

        if (TakesScheduledChangeEffect(plan) is not null)
        {
            TakeScheduledChangeEffect(staffId, nowUtc);
        }

        Recalculate();
        return preview;
    }

    /// <summary>
    /// The periods from BilledUntil + 1 whose first day is on or before <paramref name="until"/>. A period that
    /// would run past <paramref name="clipAt"/> (the end date) stops there and is charged for its share of days.
    /// </summary>
    internal BillingPlan PlanBilling(DateOnly until, OperationContext context, DateOnly? clipAt)
    {
        var interval = context.Product.BillingIntervalMonths;
        var firstPeriodPrice = MonthlyPriceFrom(BilledUntil.AddDays(1)) * interval;
        var frozen = ActiveFreezes.Select(f => f.Range).ToList();
        var periods = new List<BillingPeriodPlan>();
        var billedUntil = BilledUntil;
        while (billedUntil < until && (clipAt is null || billedUntil < clipAt) && periods.Count < MaxPeriodsPerRun)
        {
            var from = billedUntil.AddDays(1);

            // A scheduled downgrade is billed at its new price from the first period that starts on its day.
            var monthlyPrice = MonthlyPriceFrom(from);
            var periodPrice = monthlyPrice * interval;
            var nominal = SubscriptionTimeline.NominalDays(from, interval);
            var end = SubscriptionTimeline.AdvanceUnfrozenDays(billedUntil, nominal, frozen);
            var frozenInside = end.DayNumber - from.DayNumber + 1 - nominal;
            if (clipAt is { } last && end > last)
            {
                var covered = SubscriptionTimeline.UnfrozenDays(from, last, frozen);
                var amount = new Money(periodPrice.Ore * covered / nominal).RoundToKronor();
                periods.Add(new BillingPeriodPlan(
                    new DateRange(from, last), nominal, covered, last.DayNumber - from.DayNumber + 1 - covered, amount, Clipped: true,
                    $"{from:yyyy-MM-dd} – {last:yyyy-MM-dd}: {periodPrice} × {covered}/{nominal} dagar = {amount} (fram till slutdatum)"));
                billedUntil = last;
            }
            else
            {
                var frozenText = frozenInside > 0 ? $", förlängd med {frozenInside} frysta dagar" : string.Empty;
                periods.Add(new BillingPeriodPlan(
                    new DateRange(from, end), nominal, nominal, frozenInside, periodPrice, Clipped: false,
                    $"{from:yyyy-MM-dd} – {end:yyyy-MM-dd}: {monthlyPrice} × {interval} mån = {periodPrice}{frozenText}"));
                billedUntil = end;
            }
        }

        return new BillingPlan(periods, firstPeriodPrice);
    }

    /// <summary>The scheduled change when <paramref name="plan"/> bills a period that starts on or after its day.</summary>
    private ScheduledChange? TakesScheduledChangeEffect(BillingPlan plan) =>
        Scheduled is { } scheduled && plan.Periods.Any(p => p.Range.Start >= scheduled.From) ? scheduled : null;
}
