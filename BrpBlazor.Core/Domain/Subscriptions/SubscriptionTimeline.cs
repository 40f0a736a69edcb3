using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>A freeze as the timeline sees it: its days and its place in the subscription's history.</summary>
public sealed record FreezeFact(int Key, DateRange Range, int Sequence);

/// <summary>
/// A billing run as the timeline sees it: one interval of months from the day after BilledUntil,
/// or (final payment, last clipped period) a fixed last day.
/// </summary>
public sealed record BillingFact(int Key, int Sequence, int IntervalMonths, DateOnly? FixedEnd);

/// <summary>The stored facts of a subscription from which every date is derived.</summary>
public sealed record TimelineFacts(
    DateOnly Start,
    DateOnly? BindingEnd,
    DateOnly InitialBilledUntil,
    bool IsFixedTerm,
    DateOnly? CancelledEnd,
    IReadOnlyList<FreezeFact> Freezes,
    IReadOnlyList<BillingFact> Billing);

/// <summary>One billed span as it falls today, after frozen days pushed its end.</summary>
public sealed record BilledSpan(int Key, DateRange Range, int NominalDays);

public sealed record TimelineResult(
    DateOnly? BoundUntil,
    DateOnly BilledUntil,
    DateOnly? EndDate,
    IReadOnlyDictionary<int, int> SavedDaysByFreeze,
    IReadOnlyList<BilledSpan> Spans);

/// <summary>
/// Derives BoundUntil, BilledUntil and the end date from the facts (domain.md §6), by replaying the
/// subscription's history in order:
/// <list type="bullet">
/// <item>A freeze [S, E] moves the binding by its length. The frozen days that were already paid,
/// Sd = max(0, min(E, D) − S + 1), are given back at once: D advances Sd unfrozen days from max(D, E).
/// With one freeze that is the rule's D := max(D, E) + Sd; other freezes' days are skipped, so a member
/// never pays for a frozen day.</item>
/// <item>A billing run covers from D + 1 to the day before the same day one interval later, and its end
/// moves on by every frozen day that falls inside (repeated until no new frozen day falls inside).</item>
/// </list>
/// Removing a freeze is replaying without it, so the dates are whatever they would be had the freeze
/// never existed, including the frozen days a later billing run skipped (§6.2).
/// </summary>
public static class SubscriptionTimeline
{
    public static TimelineResult Derive(TimelineFacts facts)
    {
        var billedUntil = facts.InitialBilledUntil;
        var active = new List<DateRange>();
        var saved = new Dictionary<int, int>();
        var spans = new List<BilledSpan>();

        var events = facts.Freezes.Select(f => (f.Sequence, Freeze: (FreezeFact?)f, Billing: (BillingFact?)null))
            .Concat(facts.Billing.Select(b => (b.Sequence, Freeze: (FreezeFact?)null, Billing: (BillingFact?)b)))
            .OrderBy(e => e.Sequence);

        foreach (var (_, freeze, billing) in events)
        {
            if (freeze is not null)
            {
                // A membership that has ended is not frozen: a freeze ends at the end date (docs/decisions/071).
                if (ClipToEnd(freeze.Range, facts.CancelledEnd) is not { } range)
                {
                    continue;
                }

                active.Add(range);
                var paidFrozen = Math.Max(0, range.OverlapDays(range.Start, billedUntil));
                saved[freeze.Key] = paidFrozen;
                if (paidFrozen > 0)
                {
                    var from = billedUntil > range.End ? billedUntil : range.End;
                    var givenBack = AdvanceUnfrozenDays(from, paidFrozen, active);

                    // ... and is not paid for: days given back after the end date are not days of membership.
                    if (facts.CancelledEnd is { } last && givenBack > last)
                    {
                        givenBack = billedUntil > last ? billedUntil : last;
                    }

                    billedUntil = givenBack;
                }
            }
            else if (billing is not null)
            {
                var from = billedUntil.AddDays(1);
                if (billing.FixedEnd is { } fixedEnd)
                {
                    if (fixedEnd >= from)
                    {
                        spans.Add(new BilledSpan(billing.Key, new DateRange(from, fixedEnd), UnfrozenDays(from, fixedEnd, active)));
                        billedUntil = fixedEnd;
                    }
                }
                else
                {
                    var nominalDays = NominalDays(from, billing.IntervalMonths);
                    var end = AdvanceUnfrozenDays(billedUntil, nominalDays, active);
                    spans.Add(new BilledSpan(billing.Key, new DateRange(from, end), nominalDays));
                    billedUntil = end;
                }
            }
        }

        var frozenDays = active.Sum(r => r.Days);
        DateOnly? boundUntil = facts.CancelledEnd ?? facts.BindingEnd?.AddDays(frozenDays);
        DateOnly? endDate = facts.CancelledEnd ?? (facts.IsFixedTerm ? boundUntil : null);
        return new TimelineResult(boundUntil, billedUntil, endDate, saved, spans);
    }

    /// <summary>The days of <paramref name="range"/> up to the end date, or null when it starts after it.</summary>
    public static DateRange? ClipToEnd(DateRange range, DateOnly? endDate) =>
        endDate is not { } last || range.End <= last ? range
        : range.Start > last ? null
        : new DateRange(range.Start, last);

    /// <summary>Days in one billing interval that starts on <paramref name="from"/> (calendar months, §6.6).</summary>
    public static int NominalDays(DateOnly from, int intervalMonths) =>
        Calendar.EndOfMonthsFrom(from, intervalMonths).DayNumber - from.DayNumber + 1;

    /// <summary>The day on which <paramref name="days"/> unfrozen days after <paramref name="after"/> have passed.</summary>
    public static DateOnly AdvanceUnfrozenDays(DateOnly after, int days, IReadOnlyList<DateRange> frozen)
    {
        var current = after;
        var remaining = days;
        while (remaining > 0)
        {
            var next = current.AddDays(1);
            var covering = frozen.Where(f => f.Contains(next)).Select(f => (DateOnly?)f.End).Max();
            if (covering is { } frozenUntil)
            {
                current = frozenUntil;
                continue;
            }

            var nextFreezeStart = frozen.Where(f => f.Start > next).Select(f => (DateOnly?)f.Start).Min();
            var freeRun = nextFreezeStart is { } s ? s.DayNumber - next.DayNumber : int.MaxValue;
            var take = Math.Min(freeRun, remaining);
            current = next.AddDays(take - 1);
            remaining -= take;
        }

        return current;
    }

    public static int UnfrozenDays(DateOnly from, DateOnly to, IReadOnlyList<DateRange> frozen)
    {
        if (to < from)
        {
            return 0;
        }

        var total = to.DayNumber - from.DayNumber + 1;
        var frozenDays = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (frozen.Any(f => f.Contains(day)))
            {
                frozenDays++;
            }
        }

        return total - frozenDays;
    }
}
