using BrpBlazor.Core.Application.Common;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>A fixed business date, so every run generates the same data and the same answers.</summary>
public sealed class FixedClock(DateOnly today) : IBusinessClock
{
    /// <summary>The date the tests use too.</summary>
    public static readonly DateOnly BenchmarkToday = new(2026, 3, 16);

    public DateOnly Today { get; } = today;

    public DateTime UtcNow { get; } = today.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
}
