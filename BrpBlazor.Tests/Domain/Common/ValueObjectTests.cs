using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Tests.Domain.Common;

public class ValueObjectTests
{
    [Theory]
    [InlineData(7, 90, 2, "2026-04-15")]
    [InlineData(7, 14, 2, "2026-03-29")]
    [InlineData(45, 90, 2, "2026-04-29")]
    [InlineData(0, 0, 0, "2026-04-15")]
    public void FreezeRule_SuggestsAMonthFromTheStart_FittedToTheRule(int minDays, int maxDays, int perYear, string expectedEnd)
    {
        var rule = new FreezeRule(minDays, maxDays, perYear, Money.FromKronor(100));

        var suggested = rule.SuggestedFrom(new DateOnly(2026, 3, 16));

        Assert.Equal(new DateRange(new DateOnly(2026, 3, 16), DateOnly.Parse(expectedEnd, System.Globalization.CultureInfo.InvariantCulture)), suggested);
    }

    [Theory]
    [InlineData("2026-03-10", "2026-04-10", "2026-05-10")]
    [InlineData("2026-02-01", "2026-04-15", "2026-05-01")]
    [InlineData("2026-01-01", "2026-03-31", "2026-04-30")]
    public void FreezeRule_SuggestedExtension_IsAMonthMoreButNoLongerThanTheRuleAllows(string start, string end, string expected)
    {
        var rule = new FreezeRule(7, 90, 2, Money.FromKronor(100));
        var current = new DateRange(Date(start), Date(end));

        Assert.Equal(Date(expected), rule.SuggestedExtensionOf(current));
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void DateRange_IncludesBothEnds()
    {
        var may = new DateRange(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31));
        Assert.Equal(31, may.Days);
        Assert.True(may.Contains(new DateOnly(2014, 5, 31)));
        Assert.False(may.Contains(new DateOnly(2014, 6, 1)));
    }

    [Fact]
    public void DateRange_RefusesEndBeforeStart()
    {
        Assert.Throws<ArgumentException>(() => new DateRange(new DateOnly(2014, 5, 2), new DateOnly(2014, 5, 1)));
        Assert.False(DateRange.TryCreate(new DateOnly(2014, 5, 2), new DateOnly(2014, 5, 1), out _));
    }

    [Fact]
    public void DateRange_OneDayRange_HasOneDay() =>
        Assert.Equal(1, new DateRange(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 1)).Days);

    [Fact]
    public void DateRange_OverlapDays()
    {
        var range = new DateRange(new DateOnly(2014, 6, 15), new DateOnly(2014, 7, 15));
        Assert.Equal(16, range.OverlapDays(new DateOnly(2014, 1, 1), new DateOnly(2014, 6, 30)));
        Assert.Equal(0, range.OverlapDays(new DateOnly(2014, 8, 1), new DateOnly(2014, 8, 30)));
        Assert.True(range.Overlaps(new DateRange(new DateOnly(2014, 7, 15), new DateOnly(2014, 7, 20))));
        Assert.False(range.Overlaps(new DateRange(new DateOnly(2014, 7, 16), new DateOnly(2014, 7, 20))));
    }

    [Theory]
    [InlineData(123450, "1 234,50 kr")]
    [InlineData(123400, "1 234 kr")]
    [InlineData(5000, "50 kr")]
    [InlineData(0, "0 kr")]
    [InlineData(-5000, "-50 kr")]
    public void Money_FormatsSwedish(long ore, string expected) =>
        Assert.Equal(expected, new Money(ore).ToString().Replace('\u00A0', ' ').Replace('\u2212', '-'));

    [Fact]
    public void Money_RoundsToWholeKronor()
    {
        Assert.Equal(new Money(5000), new Money(4950).RoundToKronor());
        Assert.Equal(new Money(4900), new Money(4949).RoundToKronor());
        Assert.Equal(Money.FromKronor(399), new Money(39900));
    }

    [Fact]
    public void Calendar_EndOfMonthsFrom_DayBeforeSameDay()
    {
        Assert.Equal(new DateOnly(2014, 7, 31), Calendar.EndOfMonthsFrom(new DateOnly(2014, 7, 1), 1));
        Assert.Equal(new DateOnly(2014, 12, 31), Calendar.EndOfMonthsFrom(new DateOnly(2014, 1, 1), 12));
        Assert.Equal(new DateOnly(2014, 2, 27), Calendar.EndOfMonthsFrom(new DateOnly(2014, 1, 31), 1));
    }

    [Theory]
    [InlineData("Märta Nyström", "märta nyström")]
    [InlineData("Nyström, Märta", "märta nyström")]
    [InlineData("  MÄRTA   nyström ", "märta nyström")]
    public void PersonName_MatchKey_IgnoresOrderCaseAndSpaces(string name, string key) =>
        Assert.Equal(key, PersonName.MatchKey(name));

    [Theory]
    [InlineData("Jönsson, Karl", "Karl", "Jönsson")]
    [InlineData("Märta Nyström", "Märta", "Nyström")]
    [InlineData("Anna Maria Ek", "Anna Maria", "Ek")]
    public void PersonName_Split(string name, string first, string last) =>
        Assert.Equal((first, last), PersonName.Split(name));

    [Theory]
    [InlineData("anna@exempel.se", true)]
    [InlineData("anna.ek+gym@foretaget.co.uk", true)]
    [InlineData("anna@exempel", false)]
    [InlineData("anna exempel.se", false)]
    [InlineData("@exempel.se", false)]
    [InlineData("anna@@exempel.se", false)]
    public void EmailAddress_LooksLikeAnAddress(string text, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(text));

    [Theory]
    [InlineData("1995-08-21", true)]
    [InlineData("19950821", true)]
    [InlineData("1995-02-30", false)]
    [InlineData("2030-01-01", false)]
    [InlineData("21/08/1995", false)]
    public void BirthDates_Parse(string text, bool valid) =>
        Assert.Equal(valid, BirthDates.TryParse(text, new DateOnly(2026, 3, 16), out _, out _));
}
