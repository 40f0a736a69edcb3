using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>A pause of a subscription for a date range (frysning). A removed freeze is kept as history.</summary>
public sealed class Freeze
{
    public const int ReasonMaxLength = 500;

    private Freeze()
    {
        CreatedBy = string.Empty;
    }

    internal Freeze(DateRange range, string? reason, Money fee, int sequence, string createdBy, DateTime createdUtc, string? overrideReason)
    {
        StartDate = range.Start;
        EndDate = range.End;
        Reason = Trim(reason);
        Fee = fee;
        Sequence = sequence;
        CreatedBy = createdBy;
        CreatedUtc = createdUtc;
        OverrideReason = Trim(overrideReason);
    }

    public int Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public DateRange Range => new(StartDate, EndDate);

    public string? Reason { get; private set; }

    public Money Fee { get; private set; }

    /// <summary>Frozen days that had already been paid when the freeze was made (sparade dagar).</summary>
    public int SavedDays { get; private set; }

    /// <summary>Saved days given back by moving BilledUntil (utnyttjade dagar). Given back at once, so equal to saved.</summary>
    public int UsedDays { get; private set; }

    /// <summary>Its place in the subscription's history; a shortened or extended freeze is made anew at the end.</summary>
    public int Sequence { get; private set; }

    public bool IsRemoved { get; private set; }

    public DateTime? RemovedUtc { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string? OverrideReason { get; private set; }

    public bool HasBegun(DateOnly today) => Range.Start < today;

    public bool IsOngoing(DateOnly today) => Range.Contains(today);

    internal void SetSavedDays(int savedDays)
    {
        SavedDays = savedDays;
        UsedDays = savedDays;
    }

    internal void Remove(DateTime nowUtc)
    {
        IsRemoved = true;
        RemovedUtc = nowUtc;
    }

    internal void ChangeEnd(DateOnly newEnd, int sequence, string? overrideReason)
    {
        EndDate = new DateRange(StartDate, newEnd).End;
        Sequence = sequence;
        if (!string.IsNullOrWhiteSpace(overrideReason))
        {
            OverrideReason = Trim(overrideReason);
        }
    }

    internal FreezeFact ToFact(int key) => new(key, Range, Sequence);

    private static string? Trim(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        return t.Length > ReasonMaxLength ? t[..ReasonMaxLength] : t;
    }
}
