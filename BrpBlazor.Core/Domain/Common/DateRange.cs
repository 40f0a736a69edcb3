namespace BrpBlazor.Core.Domain.Common;

/// <summary>
/// A span of calendar days. Both ends are included (t.o.m. = up to and including),
/// so a range from 2014-05-01 to 2014-05-31 has 31 days.
/// </summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException("A date range cannot end before it starts.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static bool TryCreate(DateOnly start, DateOnly end, out DateRange range)
    {
        range = end < start ? default : new DateRange(start, end);
        return end >= start;
    }

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public bool Overlaps(DateRange other) => Start <= other.End && other.Start <= End;

    /// <summary>Number of days this range shares with [from, to]; 0 when they do not meet.</summary>
    public int OverlapDays(DateOnly from, DateOnly to)
    {
        var start = Start > from ? Start : from;
        var end = End < to ? End : to;
        return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
    }

    public override string ToString() => $"{Start:yyyy-MM-dd} – {End:yyyy-MM-dd}";
}
