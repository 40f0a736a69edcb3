namespace BrpBlazor.Core.Application.Common;

/// <summary>
/// The business clock: "today" is the calendar date in Europe/Stockholm, taken from an injected
/// <see cref="TimeProvider"/>. Audit instants are UTC.
/// </summary>
public interface IBusinessClock
{
    DateOnly Today { get; }

    DateTime UtcNow { get; }
}

public sealed class StockholmClock(TimeProvider timeProvider) : IBusinessClock
{
    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), Stockholm).DateTime);

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;
}
