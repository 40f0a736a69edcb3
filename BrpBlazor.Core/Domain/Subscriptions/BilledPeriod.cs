using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>
/// One billing run (or a final payment) as a fact: its place in the history and how far it reaches.
/// The span it covers is derived (<see cref="SubscriptionTimeline"/>), because a freeze removed later
/// changes which days it skipped.
/// </summary>
public sealed class BilledPeriod
{
    private BilledPeriod()
    {
    }

    internal BilledPeriod(int sequence, int intervalMonths, DateOnly? fixedEnd, Money amount, DateTime createdUtc, Charge charge)
    {
        Sequence = sequence;
        IntervalMonths = intervalMonths;
        FixedEnd = fixedEnd;
        Amount = amount;
        CreatedUtc = createdUtc;
        Charge = charge;
    }

    public int Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public int Sequence { get; private set; }

    public int IntervalMonths { get; private set; }

    /// <summary>Set for a final payment or a last period clipped at the end date.</summary>
    public DateOnly? FixedEnd { get; private set; }

    public Money Amount { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int? ChargeId { get; private set; }

    public Charge? Charge { get; private set; }

    internal BillingFact ToFact(int key) => new(key, Sequence, IntervalMonths, FixedEnd);
}
