using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Products;

/// <summary>
/// How a product may be frozen: length within [MinDays, MaxDays], at most MaxPerYear freezes per
/// calendar year (counted in the year a freeze starts), and a fee charged when a freeze is created.
/// MaxPerYear = 0 means the product cannot be frozen without a supervisor's override.
/// </summary>
public sealed record FreezeRule(int MinDays, int MaxDays, int MaxPerYear, Money Fee)
{
    public static FreezeRule NotAllowed { get; } = new(0, 0, 0, Money.Zero);

    public bool AllowsFreezing => MaxPerYear > 0 && MaxDays > 0;

    /// <summary>
    /// The freeze the desk suggests, the commonest request: from <paramref name="start"/> for a calendar month, made
    /// shorter or longer to fit the rule's lengths when the product can be frozen.
    /// </summary>
    public DateRange SuggestedFrom(DateOnly start)
    {
        var days = Calendar.EndOfMonthsFrom(start, 1).DayNumber - start.DayNumber + 1;
        if (AllowsFreezing)
        {
            days = Math.Clamp(days, Math.Max(1, MinDays), MaxDays);
        }

        return new DateRange(start, start.AddDays(days - 1));
    }

    /// <summary>
    /// The new end the desk suggests when an ongoing freeze is extended: a calendar month more, but no further than
    /// the rule's longest freeze, so the suggestion can be confirmed as it opens. A freeze that is already as long as
    /// the rule allows gets the month anyway (only a supervisor's override can take it).
    /// </summary>
    public DateOnly SuggestedExtensionOf(DateRange current)
    {
        var monthMore = Calendar.EndOfMonthsFrom(current.End.AddDays(1), 1);
        if (!AllowsFreezing)
        {
            return monthMore;
        }

        var longest = current.Start.AddDays(MaxDays - 1);
        return longest > current.End && longest < monthMore ? longest : monthMore;
    }

    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (MinDays < 0 || MaxDays < 0 || MaxPerYear < 0)
        {
            errors.Add(new(FreezeRuleCodes.Negative, "Frysregelns värden kan inte vara negativa"));
        }
        else if (MaxDays > 0 && MinDays > MaxDays)
        {
            errors.Add(new(FreezeRuleCodes.Range, "Minsta antal dagar kan inte vara större än högsta"));
        }

        if (MaxDays > 366)
        {
            errors.Add(new(FreezeRuleCodes.Max, "En frysning kan vara högst 366 dagar"));
        }

        if (Fee.Ore < 0)
        {
            errors.Add(new(FreezeRuleCodes.Fee, "Avgiften kan inte vara negativ"));
        }

        return errors;
    }

    public override string ToString() =>
        AllowsFreezing
            ? $"{MinDays}–{MaxDays} dagar, högst {MaxPerYear} per år, avgift {Fee}"
            : "Får inte frysas";
}

/// <summary>The codes of a freeze rule's refusals, declared once.</summary>
public static class FreezeRuleCodes
{
    /// <summary>What every freeze rule refusal's code starts with.</summary>
    public const string Prefix = "freezerule.";
    public const string Negative = Prefix + "negative";
    public const string Range = Prefix + "range";
    public const string Max = Prefix + "max";
    public const string Fee = Prefix + "fee";
}
