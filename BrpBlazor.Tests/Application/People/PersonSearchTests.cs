using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.People;

/// <summary>The person search box: the forms staff actually type.</summary>
public class PersonSearchTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private Person marta = default!;
    private Person other = default!;

    private PersonSearch Search => new(database.Factory, new TestClock(TestClock.DefaultToday));

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        marta = await TestData.AddPersonAsync(db, "Märta", "Nyström", Personnummer.Parse("19840517-4023", TestClock.DefaultToday));
        other = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer(new DateOnly(1979, 11, 2)));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [InlineData("840517 4023")]
    [InlineData("19840517 4023")]
    [InlineData("840517-4023")]
    public async Task SearchAsync_PersonnummerWithSpaceOrDash_FindsThePerson(string query)
    {
        var result = (await Search.SearchAsync(Actors.Reception, query)).Value;

        Assert.Equal([marta.Id], result.Hits.Select(h => h.Id));
        Assert.Null(result.Hint);
    }

    [Fact]
    public async Task SearchAsync_SixDigitBirthDate_FindsEveryoneBornThatDay()
    {
        var result = (await Search.SearchAsync(Actors.Reception, "840517")).Value;

        Assert.Equal([marta.Id], result.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_SixDigitCustomerNumber_StillFindsThatCustomer()
    {
        var result = (await Search.SearchAsync(Actors.Reception, other.CustomerNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))).Value;

        Assert.Equal([other.Id], result.Hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData("840517", 1984)]
    [InlineData("260316", 2026)]
    [InlineData("260317", 1926)]
    [InlineData("000229", 2000)]
    public void TryParseShort_CenturyMakesThePerson0To99(string text, int year)
    {
        Assert.True(BirthDates.TryParseShort(text, TestClock.DefaultToday, out var birthDate));
        Assert.Equal(year, birthDate.Year);
    }

    [Theory]
    [InlineData("840230")]
    [InlineData("841301")]
    [InlineData("8405171")]
    public void TryParseShort_NoSuchDate_IsNotABirthDate(string text) =>
        Assert.False(BirthDates.TryParseShort(text, TestClock.DefaultToday, out _));
}
