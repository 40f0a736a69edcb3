using BrpBlazor.Core.Application.Common;
using Microsoft.Extensions.Time.Testing;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>The business clock on a <see cref="FakeTimeProvider"/>: "today" is whatever the test says.</summary>
public sealed class TestClock : IBusinessClock
{
    private readonly StockholmClock clock;

    public TestClock(DateOnly today)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)).ToUniversalTime());
        clock = new StockholmClock(Time);
    }

    /// <summary>The date most tests run on.</summary>
    public static DateOnly DefaultToday { get; } = new(2026, 3, 16);

    public FakeTimeProvider Time { get; }

    public DateOnly Today => clock.Today;

    public DateTime UtcNow => clock.UtcNow;

    public void SetToday(DateOnly today) =>
        Time.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)).ToUniversalTime());
}
