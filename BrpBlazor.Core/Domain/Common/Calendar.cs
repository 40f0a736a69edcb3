namespace BrpBlazor.Core.Domain.Common;

/// <summary>Month arithmetic on calendar days, with the month-end rule written down once.</summary>
public static class Calendar
{
    /// <summary>
    /// The last day of a span of <paramref name="months"/> months that starts on <paramref name="start"/>:
    /// the day before the same day of the month <paramref name="months"/> later.
    /// 2014-07-01 + 1 month → 2014-07-31. <see cref="DateOnly.AddMonths"/> clamps to the month's end,
    /// so 2014-01-31 + 1 month → 2014-02-27 (the day before 2014-02-28).
    /// </summary>
    public static DateOnly EndOfMonthsFrom(DateOnly start, int months) => start.AddMonths(months).AddDays(-1);

    /// <summary>Whole months from <paramref name="from"/> until <paramref name="to"/> (0 when to is earlier), rounding part months up.</summary>
    public static int MonthsUntil(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return 0;
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (from.AddMonths(months) <= to)
        {
            months++;
        }

        return months;
    }

    /// <summary>Whole years from <paramref name="birthDate"/> to <paramref name="today"/>; a 29 February birthday counts from 1 March in other years.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        if (today.Month < birthDate.Month || (today.Month == birthDate.Month && today.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }
}
