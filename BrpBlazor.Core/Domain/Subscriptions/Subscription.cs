using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Subscriptions;

public enum SubscriptionStatus
{
    Active,
    Frozen,
    Cancelled,
    Ended,
}

/// <summary>
/// One person's membership of one product. It stores facts (start, binding end, billing runs, freezes,
/// cancellation) and derives BoundUntil, BilledUntil and the end date from them with
/// <see cref="SubscriptionTimeline"/>; the derived values are also kept in columns so they can be queried.
/// Every operation has a pure Preview… method and an apply method that stores what the preview showed.
/// </summary>
public sealed partial class Subscription : VersionedEntity
{
    public const int ReasonMaxLength = 500;

    private readonly List<Freeze> freezes = [];
    private readonly List<BilledPeriod> billedPeriods = [];
    private readonly List<Charge> charges = [];
    private readonly List<ProductChange> productChanges = [];

    private Subscription()
    {
        CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int PersonId { get; private set; }

    public int ProductId { get; private set; }

    /// <summary>Set when the membership came through an organisation (organisationskund).</summary>
    public int? OrganisationId { get; private set; }

    /// <summary>The pre-order it was redeemed from, if any.</summary>
    public int? PreOrderId { get; private set; }

    public Money MonthlyPrice { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>Last day of the binding as sold (start + binding months − 1 day); null without binding.</summary>
    public DateOnly? BindingEnd { get; private set; }

    /// <summary>BilledUntil before any billing run; normally the day before the start.</summary>
    public DateOnly InitialBilledUntil { get; private set; }

    public bool IsFixedTerm { get; private set; }

    public bool AutoRenew { get; private set; }

    public DateOnly? CancelledOn { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>The end date fixed by a cancellation.</summary>
    public DateOnly? CancelledEnd { get; private set; }

    /// <summary>Derived: bundet t.o.m.</summary>
    public DateOnly? BoundUntil { get; private set; }

    /// <summary>Derived: debiterat t.o.m.</summary>
    public DateOnly BilledUntil { get; private set; }

    /// <summary>Derived: slutdatum (cancelled or fixed term).</summary>
    public DateOnly? EndDate { get; private set; }

    public int NextSequence { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public IReadOnlyList<Freeze> Freezes => freezes;

    public IReadOnlyList<BilledPeriod> BilledPeriods => billedPeriods;

    public IReadOnlyList<Charge> Charges => charges;

    public IReadOnlyList<ProductChange> ProductChanges => productChanges;

    public IEnumerable<Freeze> ActiveFreezes => freezes.Where(f => !f.IsRemoved);

    public bool IsCancelled => CancelledOn is not null;

    public bool IsOrganisationCustomer => OrganisationId is not null;

    public bool HasBeenBilled => BilledUntil >= StartDate;

    public int SavedDays => freezes.Sum(f => f.SavedDays);

    public int UsedDays => freezes.Sum(f => f.UsedDays);

    public static Subscription Create(SubscriptionStart start)
    {
        var product = start.Product;
        var subscription = new Subscription
        {
            PersonId = start.PersonId,
            ProductId = product.Id,
            OrganisationId = start.OrganisationId,
            PreOrderId = start.PreOrderId,
            MonthlyPrice = start.MonthlyPrice,
            StartDate = start.StartDate,
            BindingEnd = product.BindingMonths > 0 ? Calendar.EndOfMonthsFrom(start.StartDate, product.BindingMonths) : null,
            InitialBilledUntil = start.BilledUntil ?? start.StartDate.AddDays(-1),
            IsFixedTerm = product.Kind == ProductKind.FixedTerm,
            AutoRenew = product.Kind == ProductKind.Running,
            CreatedBy = start.CreatedBy,
            CreatedUtc = start.CreatedUtc,
            NextSequence = 1,
        };
        subscription.Recalculate();
        return subscription;
    }

    /// <summary>What the subscription would look like at its start: the summary of the redeem wizard's Bekräfta step.</summary>
    public static SubscriptionSnapshot PreviewStart(Product product, Money monthlyPrice, DateOnly startDate)
    {
        var bindingEnd = product.BindingMonths > 0 ? Calendar.EndOfMonthsFrom(startDate, product.BindingMonths) : (DateOnly?)null;
        return new SubscriptionSnapshot(
            product.Id, monthlyPrice, bindingEnd, startDate.AddDays(-1),
            product.Kind == ProductKind.FixedTerm ? bindingEnd : null, 0, 0, startDate.Year, 0,
            product.FreezeRule.AllowsFreezing ? product.FreezeRule.MaxPerYear : null);
    }

    public SubscriptionStatus StatusOn(DateOnly today)
    {
        if (EndDate is { } end && end < today)
        {
            return SubscriptionStatus.Ended;
        }

        if (IsCancelled)
        {
            return SubscriptionStatus.Cancelled;
        }

        return IsFrozenOn(today) ? SubscriptionStatus.Frozen : SubscriptionStatus.Active;
    }

    public bool IsFrozenOn(DateOnly day) => ActiveFreezes.Any(f => f.Range.Contains(day));

    /// <summary>A running (not ended, not cancelled) subscription that renews until cancelled.</summary>
    public bool IsRunningOn(DateOnly today) => !IsCancelled && !IsFixedTerm && (EndDate is null || EndDate >= today);

    public SubscriptionSnapshot Snapshot(DateOnly today, FreezeRule rule) => Snapshot(today.Year, rule);

    /// <summary>
    /// The product a charge was made for: the one the subscription was on when the charge was created, so an
    /// upgrade does not relabel what was billed before it. An upgrade's own difference is created in the same
    /// instant as the change and belongs to the new product.
    /// </summary>
    public int ProductIdOf(Charge charge) =>
        productChanges.Where(c => c.CreatedUtc > charge.CreatedUtc)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Select(c => c.FromProductId)
            .DefaultIfEmpty(ProductId)
            .First();

    public Result MarkChargePaid(int chargeId, string staffId, DateTime nowUtc)
    {
        var charge = charges.Find(c => c.Id == chargeId);
        return charge is null
            ? new Error("charge.notfound", "Avgiften finns inte på abonnemanget")
            : charge.MarkPaid(staffId, nowUtc);
    }

    internal SubscriptionSnapshot Snapshot(int freezeYear, FreezeRule rule) =>
        SnapshotOf(Derive(Facts()), freezeYear, rule, ProductId, MonthlyPrice, extraFreezeInYear: 0, extraSavedDays: 0);

    private SubscriptionSnapshot SnapshotOf(
        TimelineResult timeline, int freezeYear, FreezeRule rule, int productId, Money monthlyPrice, int extraFreezeInYear, int extraSavedDays)
    {
        var used = ActiveFreezes.Count(f => f.Range.Start.Year == freezeYear) + extraFreezeInYear;
        return new SubscriptionSnapshot(
            productId,
            monthlyPrice,
            timeline.BoundUntil,
            timeline.BilledUntil,
            timeline.EndDate,
            SavedDays + extraSavedDays,
            UsedDays + extraSavedDays,
            freezeYear,
            used,
            rule.AllowsFreezing ? Math.Max(0, rule.MaxPerYear - used) : null,
            Scheduled);
    }

    /// <summary>The stored facts, optionally with a freeze left out, added or moved to the end of the history.</summary>
    private TimelineFacts Facts(
        Freeze? without = null,
        FreezeFact? extraFreeze = null,
        IEnumerable<BillingFact>? extraBilling = null,
        DateOnly? cancelledEnd = null,
        bool withoutCancellation = false)
    {
        var freezeFacts = ActiveFreezes.Where(f => f != without).Select((f, i) => f.ToFact(i)).ToList();
        if (extraFreeze is not null)
        {
            freezeFacts.Add(extraFreeze);
        }

        var billingFacts = billedPeriods.Select((b, i) => b.ToFact(i)).ToList();
        if (extraBilling is not null)
        {
            billingFacts.AddRange(extraBilling);
        }

        return new TimelineFacts(StartDate, BindingEnd, InitialBilledUntil, IsFixedTerm, withoutCancellation ? null : cancelledEnd ?? CancelledEnd, freezeFacts, billingFacts);
    }

    private static TimelineResult Derive(TimelineFacts facts) => SubscriptionTimeline.Derive(facts);

    private void Recalculate()
    {
        var timeline = Derive(Facts());
        BoundUntil = timeline.BoundUntil;
        BilledUntil = timeline.BilledUntil;
        EndDate = timeline.EndDate;
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length > ReasonMaxLength ? text.Trim()[..ReasonMaxLength] : text.Trim();
}

/// <summary>What a new subscription starts from.</summary>
public sealed record SubscriptionStart(
    int PersonId,
    Product Product,
    Money MonthlyPrice,
    DateOnly StartDate,
    int? OrganisationId,
    int? PreOrderId,
    string CreatedBy,
    DateTime CreatedUtc,
    DateOnly? BilledUntil = null);
