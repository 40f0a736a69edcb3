using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>
/// Properties over many generated subscriptions, freezes and billing runs (fixed seeds, so failures repeat). A
/// generated case the property does not apply to (a freeze that overlaps a generated one) is skipped, so each
/// property counts the cases that did exercise it and asserts a floor: it cannot pass by skipping them all.
/// </summary>
public class SubscriptionPropertyTests
{
    private static readonly DateTime Now = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Product Product = Core.Domain.Products.Product.Create(new ProductDetails(
        "Gym", ProductKind.Running, Money.FromKronor(300), 1, 12, 1, false, true, new FreezeRule(1, 366, 50, Money.Zero))).Value;

    private static readonly int[] Seeds = [.. Enumerable.Range(1, 60)];

    // Floors below what the fixed seeds give today (docs/decisions/103): a rule change that makes most generated
    // cases inapplicable fails here instead of passing on the few left.
    private const int CreateThenRemoveFloor = 45; // 51 of 60 today
    private const int ShortenOrExtendFloor = 28; // 32 of 60 today
    private const int FrozenBillingFloor = 12; // 14 of 60 today

    [Fact]
    public void CreateThenRemove_RestoresBothDatesExactly()
    {
        var exercised = Seeds.Count(CreateThenRemove);

        Assert.True(exercised >= CreateThenRemoveFloor, $"Only {exercised} of {Seeds.Length} generated cases created a freeze to remove");
    }

    [Fact]
    public void ShortenOrExtend_EqualsRemovePlusCreateWithTheNewEnd()
    {
        var exercised = Seeds.Count(ShortenOrExtend);

        Assert.True(exercised >= ShortenOrExtendFloor, $"Only {exercised} of {Seeds.Length} generated cases shortened or extended a freeze");
    }

    [Fact]
    public void BillingRuns_NeverBillAFrozenDay_AndNeverMoveBilledUntilBack()
    {
        var exercised = Seeds.Count(BillingRuns);

        Assert.True(exercised >= FrozenBillingFloor, $"Only {exercised} of {Seeds.Length} generated cases billed over a frozen day");
    }

    /// <returns>Whether the case exercised the property (a freeze was created, then removed).</returns>
    private static bool CreateThenRemove(int seed)
    {
        var random = new Random(seed);
        var (subscription, today) = GenerateHistory(random);
        var boundBefore = subscription.BoundUntil;
        var billedBefore = subscription.BilledUntil;

        var start = today.AddDays(random.Next(0, 120));
        var request = new FreezeRequest(start, start.AddDays(random.Next(0, 60)), null);
        var created = subscription.Freeze(request, new OperationContext(today, Product), "staff", Now);
        if (!created.IsSuccess)
        {
            return false; // overlapping a generated freeze: nothing to undo
        }

        var removed = subscription.RemoveFreeze(subscription.Freezes[^1], new OperationContext(today, Product), Now);

        Assert.True(removed.IsSuccess, $"seed {seed}: {removed.FirstError?.Message}");
        Assert.Equal(boundBefore, subscription.BoundUntil);
        Assert.Equal(billedBefore, subscription.BilledUntil);
        return true;
    }

    /// <returns>Whether the case exercised the property (the freeze's end was changed and compared).</returns>
    private static bool ShortenOrExtend(int seed)
    {
        var random = new Random(seed);
        var (a, today) = GenerateHistory(random);
        var (b, _) = GenerateHistory(new Random(seed));
        var start = today.AddDays(random.Next(0, 30));
        var request = new FreezeRequest(start, start.AddDays(random.Next(5, 40)), null);
        if (!a.Freeze(request, new OperationContext(today, Product), "staff", Now).IsSuccess)
        {
            return false;
        }

        b.Freeze(request, new OperationContext(today, Product), "staff", Now);
        BillSome(a, b, random, today);

        // Staff act while the freeze is on: somewhere inside it.
        var during = start.AddDays(random.Next(0, request.End.DayNumber - start.DayNumber + 1));
        var extend = random.Next(2) == 0;
        DateOnly newEnd;
        if (extend)
        {
            newEnd = request.End.AddDays(random.Next(1, 30));
        }
        else
        {
            // Shortening may end the freeze yesterday at the earliest, and never before it began.
            var earliest = MaxDate(during.AddDays(-1), start);
            var latest = request.End.AddDays(-1);
            if (earliest > latest)
            {
                return false;
            }

            newEnd = earliest.AddDays(random.Next(0, latest.DayNumber - earliest.DayNumber + 1));
        }

        var changed = a.ChangeFreezeEnd(a.Freezes[^1], extend ? FreezeChange.Extend : FreezeChange.Shorten, newEnd, new OperationContext(during, Product));
        if (!changed.IsSuccess)
        {
            return false; // e.g. the new end would overlap a generated freeze
        }

        // The same through remove and create: before the freeze began, neither is refused.
        var removed = b.RemoveFreeze(b.Freezes[^1], new OperationContext(start, Product), Now);
        var recreated = b.Freeze(new FreezeRequest(start, newEnd, null), new OperationContext(start, Product), "staff", Now);

        Assert.True(removed.IsSuccess && recreated.IsSuccess, $"seed {seed}");
        Assert.Equal(b.BoundUntil, a.BoundUntil);
        Assert.Equal(b.BilledUntil, a.BilledUntil);
        return true;
    }

    /// <returns>Whether some billing run of the case covered a frozen day (the property holds trivially otherwise).</returns>
    private static bool BillingRuns(int seed)
    {
        var random = new Random(seed);
        var (subscription, today) = GenerateHistory(random);
        var billedOverAFreeze = false;

        for (var run = 0; run < 6; run++)
        {
            var before = subscription.BilledUntil;
            var until = before.AddDays(random.Next(1, 70));
            var frozenNow = subscription.ActiveFreezes.Select(f => f.Range).ToList();
            var plan = subscription.PlanBilling(until, new OperationContext(today, Product), clipAt: null);
            foreach (var period in plan.Periods)
            {
                billedOverAFreeze |= frozenNow.Any(f => f.Start <= period.Range.End && f.End >= period.Range.Start);

                // Each period charges exactly its nominal days; every frozen day inside pushed its end instead.
                Assert.Equal(period.NominalDays, SubscriptionTimeline.UnfrozenDays(period.Range.Start, period.Range.End, frozenNow));
                Assert.DoesNotContain(frozenNow, f => f.Contains(period.Range.End));
            }

            var result = subscription.Bill(until, new OperationContext(today, Product), "staff", Now);
            Assert.True(result.IsSuccess, result.FirstError?.Message);
            Assert.True(subscription.BilledUntil >= before);
            Assert.Equal(plan.Periods[^1].Range.End, subscription.BilledUntil);
            today = today.AddDays(random.Next(0, 30));
            var freezeStart = today.AddDays(random.Next(0, 40));
            subscription.Freeze(new FreezeRequest(freezeStart, freezeStart.AddDays(random.Next(0, 30)), null), new OperationContext(today, Product), "staff", Now);
        }

        // Over the whole history: the paid days are exactly the unfrozen days from the start to BilledUntil.
        var frozen = subscription.ActiveFreezes.Select(f => f.Range).ToList();
        var timeline = SubscriptionTimeline.Derive(new TimelineFacts(
            subscription.StartDate, subscription.BindingEnd, subscription.InitialBilledUntil, false, null,
            subscription.ActiveFreezes.Select((f, i) => new FreezeFact(i, f.Range, f.Sequence)).ToList(),
            subscription.BilledPeriods.Select((p, i) => new BillingFact(i, p.Sequence, p.IntervalMonths, p.FixedEnd)).ToList()));
        Assert.Equal(timeline.BilledUntil, subscription.BilledUntil);
        Assert.Equal(timeline.Spans.Sum(s => s.NominalDays), SubscriptionTimeline.UnfrozenDays(subscription.StartDate, subscription.BilledUntil, frozen));
        Assert.DoesNotContain(frozen, f => f.Contains(subscription.BilledUntil));
        return billedOverAFreeze;
    }

    /// <summary>A subscription with a random start, billed a few times, with freezes made along the way.</summary>
    private static (Subscription Subscription, DateOnly Today) GenerateHistory(Random random)
    {
        var start = new DateOnly(2014, 1, 1).AddDays(random.Next(0, 2000));
        var subscription = Subscription.Create(new SubscriptionStart(1, Product, Product.MonthlyPrice, start, null, null, "seed", Now));
        var today = start;
        var steps = random.Next(2, 9);
        for (var i = 0; i < steps; i++)
        {
            today = today.AddDays(random.Next(0, 40));
            if (random.Next(3) == 0)
            {
                var freezeStart = today.AddDays(random.Next(0, 60));
                subscription.Freeze(new FreezeRequest(freezeStart, freezeStart.AddDays(random.Next(0, 45)), null), new OperationContext(today, Product), "seed", Now);
            }
            else
            {
                subscription.Bill(today.AddDays(random.Next(0, 45)), new OperationContext(today, Product), "seed", Now);
            }
        }

        return (subscription, today);
    }

    private static void BillSome(Subscription a, Subscription b, Random random, DateOnly today)
    {
        var until = today.AddDays(random.Next(0, 90));
        a.Bill(until, new OperationContext(today, Product), "seed", Now);
        b.Bill(until, new OperationContext(today, Product), "seed", Now);
    }

    private static DateOnly MaxDate(DateOnly a, DateOnly b) => a > b ? a : b;
}
