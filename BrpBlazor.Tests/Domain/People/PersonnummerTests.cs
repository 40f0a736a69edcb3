using System.Globalization;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Tests.Domain.People;

public class PersonnummerTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    [Theory]
    [InlineData("811218-9876", "198112189876")]
    [InlineData("8112189876", "198112189876")]
    [InlineData("19811218-9876", "198112189876")]
    [InlineData("198112189876", "198112189876")]
    [InlineData(" 811218-9876 ", "198112189876")]
    [InlineData("000229-2399", "200002292399")]
    [InlineData("20000229-2399", "200002292399")]
    [InlineData("570428-9999", "195704289999")]
    [InlineData("19570428-9999", "195704289999")]
    [InlineData("460823-9986", "194608239986")]
    [InlineData("4608239986", "194608239986")]
    [InlineData("000405-9937", "200004059937")]
    [InlineData("090527+1474", "190905271474")]
    [InlineData("19090527+1474", "190905271474")]
    [InlineData("090121+9931", "190901219931")]
    [InlineData("19090121+9931", "190901219931")]
    public void TryParse_EveryAcceptedForm_StoresTwelveDigits(string input, string stored)
    {
        Assert.True(Personnummer.TryParse(input, Today, out var pnr, out var error), error?.Message);
        Assert.Equal(stored, pnr.Value);
    }

    [Theory]
    [InlineData("730288-9931", "19730288-9931", "1973-02-28")]
    [InlineData("19730288-9931", "19730288-9931", "1973-02-28")]
    [InlineData("210791-9967", "20210791-9967", "2021-07-31")]
    [InlineData("7302889931", "19730288-9931", "1973-02-28")]
    public void TryParse_Samordningsnummer_IsFlaggedWithBirthDateMinusSixty(string input, string formatted, string birthDate)
    {
        Assert.True(Personnummer.TryParse(input, Today, out var pnr, out _));
        Assert.True(pnr.IsSamordningsnummer);
        Assert.Equal(formatted, pnr.Formatted);
        Assert.Equal(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), pnr.BirthDate);
    }

    [Fact]
    public void TryParse_OrdinaryNumber_IsNotSamordningsnummer()
    {
        Assert.True(Personnummer.TryParse("811218-9876", Today, out var pnr, out _));
        Assert.False(pnr.IsSamordningsnummer);
        Assert.Equal(new DateOnly(1981, 12, 18), pnr.BirthDate);
    }

    [Theory]
    [InlineData("811218-9875")]
    [InlineData("19700428-9895")]
    [InlineData("600430-9886")]
    [InlineData("721086-9924")]
    public void TryParse_WrongCheckDigit_SaysSo(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.CheckDigit, error);
        Assert.Equal("Kontrollsiffran stämmer inte", error.Message);
    }

    [Theory]
    [InlineData("201509160006")]
    [InlineData("150916-0006")]
    public void TryParse_BirthNumberZero_IsNeverIssued(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.BirthNumber, error);
    }

    [Fact]
    public void TryParse_February30th1990_DateDoesNotExist()
    {
        var withValidCheckDigit = ValidWithDate("900230", "123");
        Assert.False(Personnummer.TryParse(withValidCheckDigit, Today, out _, out var error));
        Assert.Equal("Datumet finns inte", error.Message);
    }

    [Theory]
    [InlineData("19900230-1234")]
    [InlineData("900230-1234")]
    [InlineData("19900431-1234")]
    public void TryParse_ImpossibleDateAndWrongCheckDigit_SaysTheDateDoesNotExist(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.DateDoesNotExist, error);
    }

    [Fact]
    public void TryParse_February29th2000_IsValidLeapDay()
    {
        Assert.True(Personnummer.TryParse("20000229-2399", Today, out var pnr, out _));
        Assert.Equal(new DateOnly(2000, 2, 29), pnr.BirthDate);
    }

    [Fact]
    public void TryParse_February29th1900_DateDoesNotExist()
    {
        // 000229 with '+' means 100 years or older: 1900, which was not a leap year.
        Assert.False(Personnummer.TryParse("000229+2399", Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.DateDoesNotExist, error);
        Assert.False(Personnummer.TryParse("19000229-2399", Today, out _, out error));
        Assert.Equal(PersonnummerErrors.DateDoesNotExist, error);
    }

    [Theory]
    [InlineData("811318-9876")]
    [InlineData("811200-9876")]
    [InlineData("810431-9876")]
    public void TryParse_ImpossibleDate_IsRefused(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.True(error == PersonnummerErrors.DateDoesNotExist || error == PersonnummerErrors.CheckDigit);
    }

    [Fact]
    public void TryParse_CenturyOfTwoDigitYear_DependsOnToday()
    {
        var number = ValidWithDate("250101", "234");
        Assert.True(Personnummer.TryParse(number, new DateOnly(2026, 3, 16), out var inTwentySix, out _));
        Assert.Equal(new DateOnly(2025, 1, 1), inTwentySix.BirthDate);

        Assert.True(Personnummer.TryParse(number, new DateOnly(2024, 6, 1), out var inTwentyFour, out _));
        Assert.Equal(new DateOnly(1925, 1, 1), inTwentyFour.BirthDate);
    }

    [Fact]
    public void TryParse_BirthdayLaterThisYear_BelongsToLastCentury()
    {
        // Born 2026-12-24 would be in the future on 2026-03-16, so a two-digit 26 means 1926.
        var number = ValidWithDate("261224", "111");
        Assert.True(Personnummer.TryParse(number, Today, out var pnr, out _));
        Assert.Equal(1926, pnr.BirthDate.Year);
    }

    [Fact]
    public void TryParse_PlusSeparator_MeansHundredOrOlder()
    {
        var number = ValidWithDate("200315", "345");
        Assert.True(Personnummer.TryParse(number, Today, out var young, out _));
        Assert.Equal(2020, young.BirthDate.Year);
        Assert.True(Personnummer.TryParse(number.Replace('-', '+'), Today, out var old, out _));
        Assert.Equal(1920, old.BirthDate.Year);
    }

    [Fact]
    public void TryParse_PlusForSomeoneWhoIsNinetyNine_IsRefusedWithWhatPlusMeans()
    {
        // Issue 20: 261130+… on 2026-11-29 was read as born 1826-11-30 (199 years old, 200 tomorrow).
        // Born 1926-11-30 the person is 99 today; '+' is for 100 or older.
        var number = ValidWithDate("261130", "123").Replace('-', '+');
        var today = new DateOnly(2026, 11, 29);

        Assert.False(Personnummer.TryParse(number, today, out _, out var error));
        Assert.Equal(PersonnummerErrors.PlusUnderHundred, error);
        Assert.Contains("100 år eller äldre", error.Message, StringComparison.CurrentCulture);

        Assert.True(Personnummer.TryParse(number.Replace('+', '-'), today, out var written, out _));
        Assert.Equal(new DateOnly(1926, 11, 30), written.BirthDate);
    }

    [Theory]
    [InlineData("261129", "2026-11-29", "1926-11-29")] // a hundred today
    [InlineData("261128", "2026-11-29", "1926-11-28")]
    [InlineData("261201", "2027-01-10", "1926-12-01")] // a hundred last month
    public void TryParse_PlusForSomeoneAHundredOrOlder_IsRead(string yymmdd, string today, string birthDate)
    {
        var number = ValidWithDate(yymmdd, "123").Replace('-', '+');
        Assert.True(Personnummer.TryParse(number, DateOnly.Parse(today, CultureInfo.InvariantCulture), out var pnr, out var error), error?.Message);
        Assert.Equal(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), pnr.BirthDate);
    }

    [Theory]
    [InlineData("270101", "2026-11-29")] // 99, a hundred next year
    [InlineData("261231", "2026-11-29")]
    [InlineData("261130", "2026-11-29")]
    public void TryParse_PlusThatWouldMakeThePersonAlmostTwoHundred_IsRefused(string yymmdd, string today)
    {
        var number = ValidWithDate(yymmdd, "123").Replace('-', '+');
        Assert.False(Personnummer.TryParse(number, DateOnly.Parse(today, CultureInfo.InvariantCulture), out _, out var error));
        Assert.Equal(PersonnummerErrors.PlusUnderHundred, error);
    }

    [Fact]
    public void TryParse_TwelveDigitsInTheFuture_IsRefused()
    {
        var pnr = Personnummer.FromParts(new DateOnly(2026, 5, 1), 123);
        Assert.False(Personnummer.TryParse(pnr.Value, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.FutureDate, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_Empty_AsksForIt(string? input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.Empty, error);
    }

    [Theory]
    [InlineData("19090527 1474")]
    [InlineData("090527 1474")]
    [InlineData("811218/9876")]
    [InlineData("81121-89876")]
    [InlineData("abcdef-ghij")]
    [InlineData("8112189")]
    [InlineData("1981121898761")]
    [InlineData("20000101-T220")]
    public void TryParse_WrongShape_IsAFormatError(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));
        Assert.Equal(PersonnummerErrors.Format, error);
    }

    [Fact]
    public void TenAndTwelveDigitForms_OfTheSamePerson_AreEqual()
    {
        var ten = Personnummer.Parse("811218-9876", Today);
        var twelve = Personnummer.Parse("19811218-9876", Today);
        Assert.Equal(ten, twelve);
    }

    [Fact]
    public void ToString_IsMasked_SoLogsNeverCarryTheNumber()
    {
        var pnr = Personnummer.Parse("811218-9876", Today);
        Assert.Equal("19811218-••••", pnr.ToString());
        Assert.Equal("19811218-••••", pnr.Masked);
        Assert.Equal("19811218-9876", pnr.Formatted);
        Assert.DoesNotContain("9876", $"{pnr}", StringComparison.CurrentCulture);
    }

    [Fact]
    public void FromParts_BuildsAValidNumber()
    {
        var pnr = Personnummer.FromParts(new DateOnly(1985, 3, 14), 234);
        Assert.True(Personnummer.TryParse(pnr.Formatted, Today, out var parsed, out _));
        Assert.Equal(pnr, parsed);
        var coordination = Personnummer.FromParts(new DateOnly(1985, 3, 14), 234, samordningsnummer: true);
        Assert.True(coordination.IsSamordningsnummer);
        Assert.Equal(new DateOnly(1985, 3, 14), coordination.BirthDate);
    }

    [Fact]
    public void FromStored_RefusesGarbage()
    {
        Assert.Throws<FormatException>(() => Personnummer.FromStored("198112189875"));
        Assert.Throws<FormatException>(() => Personnummer.FromStored("abc"));
    }

    [Fact]
    public void Parse_Failure_MessageNeverContainsTheNumber()
    {
        var ex = Assert.Throws<FormatException>(() => Personnummer.Parse("811218-9875", Today));
        Assert.DoesNotContain("811218", ex.Message, StringComparison.CurrentCulture);
    }

    /// <summary>A 10-digit number with a separator and a correct check digit for the given date digits.</summary>
    private static string ValidWithDate(string yymmdd, string serial)
    {
        var nine = yymmdd + serial;
        return $"{yymmdd}-{serial}{Core.Domain.Common.Luhn.CheckDigit(nine)}";
    }
}
