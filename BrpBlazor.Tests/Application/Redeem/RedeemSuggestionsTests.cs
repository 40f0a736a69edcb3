using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Redeem;

/// <summary>The compiled suggestion query (docs/decisions/052) against the plain definition it replaced.</summary>
public sealed class RedeemSuggestionsTests : IAsyncLifetime
{
    private static readonly DateOnly Today = TestClock.DefaultToday;
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ForAsync_ManyPeopleAndPreOrders_SameSuggestionsAsThePlainQueries()
    {
        var random = new Random(52);
        var people = new List<RedeemIdentity>();
        await using (var db = database.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym", 399);
            var gold = await TestData.AddProductAsync(db, "Guld", 549);
            var organisations = new[]
            {
                await TestData.AddOrganisationAsync(db, "Ödeshög kommun", (gym, 299), (gold, 449)),
                await TestData.AddOrganisationAsync(db, "Alfa AB", (gym, 299)),
                await TestData.AddOrganisationAsync(db, "Bäckens bygg", (gold, 449)),
            };
            DateRange[] validities = [new(Today.AddDays(-10), Today.AddDays(30)), new(Today.AddYears(-1), Today.AddDays(-1)), new(Today.AddDays(1), Today.AddDays(60)), new(Today, Today)];
            string[] names = ["Åsa Öberg", "Per Berg", "Märta Nyström", "Karl Johan Ek"];
            for (var i = 0; i < 60; i++)
            {
                var birthDate = new DateOnly(1980, 1, 1).AddDays(random.Next(5));
                var name = names[random.Next(names.Length)];
                var personnummer = Personnummer.FromParts(birthDate, random.Next(1, 4));
                people.Add(new RedeemIdentity(random.Next(6) == 0 ? null : personnummer, birthDate, random.Next(2) == 0 ? name : string.Join(", ", name.Split(' ').Reverse())));
                for (var n = random.Next(3); n > 0; n--)
                {
                    var preOrder = PreOrder.Create(
                        new PreOrderDraft(
                            organisations[random.Next(organisations.Length)].Id, random.Next(2) == 0 ? gym.Id : gold.Id, validities[random.Next(validities.Length)],
                            name, random.Next(3) == 0 ? null : personnummer, birthDate, null),
                        "test", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                    switch (random.Next(6))
                    {
                        case 0:
                            preOrder.Withdraw("Slutat", "test", DateTime.UnixEpoch);
                            break;
                        case 1:
                            preOrder.Redeem(1, preOrder.ValidFrom, DateTime.UnixEpoch);
                            break;
                    }

                    db.PreOrders.Add(preOrder);
                }
            }

            await db.SaveChangesAsync();
        }

        var suggestions = new RedeemSuggestions(database.Factory);
        var found = 0;
        foreach (var identity in people)
        {
            var actual = (await suggestions.ForAsync(Actors.Reception, identity, Today)).Value;
            await using var db = database.NewContext();
            var expected = await PlainAsync(db, identity, Today);
            Assert.Equal(expected, actual);
            found += actual.Count;
        }

        Assert.True(found > 20, $"only {found} suggestions: the data does not exercise the query");
    }

    [Fact]
    public async Task ForAsync_PersonWithoutPersonnummer_FindsOnlyBirthDateAndNamePreOrders()
    {
        await using (var db = database.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym", 399);
            var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
            var valid = new DateRange(Today.AddDays(-1), Today.AddDays(30));
            await TestData.AddPreOrderAsync(db, company, gym, valid, "Åsa Öberg", null, new DateOnly(1990, 5, 1));
            await TestData.AddPreOrderAsync(db, company, gym, valid, "Åsa Öberg", Personnummer.FromParts(new DateOnly(1990, 5, 1), 12));
        }

        var suggestion = Assert.Single((await new RedeemSuggestions(database.Factory).ForAsync(Actors.Reception, new RedeemIdentity(null, new DateOnly(1990, 5, 1), "Öberg, Åsa"), Today)).Value);

        Assert.Equal(SuggestionMatch.BirthDateAndName, suggestion.Match);
        Assert.Equal("Företaget AB", suggestion.OrganisationName);
        Assert.Equal("Gym", suggestion.ProductName);
    }

    /// <summary>The first version: two plain LINQ lookups, then the names, sorted by match, organisation and pre-order.</summary>
    private static async Task<List<PreOrderSuggestion>> PlainAsync(BrpDbContext db, RedeemIdentity identity, DateOnly today)
    {
        var nameKey = PersonName.MatchKey(identity.FullName);
        var open = db.PreOrders.AsNoTracking().Where(p => p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today);
        var byPersonnummer = identity.Personnummer is { } pnr ? await open.Where(p => p.Personnummer == pnr).ToListAsync() : [];
        var byBirthDate = await open.Where(p => p.BirthDate == identity.BirthDate && p.Personnummer == null && p.NameKey == nameKey).ToListAsync();
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name);
        var products = await db.Products.ToDictionaryAsync(p => p.Id, p => p.Name);
        return byPersonnummer.Select(p => (PreOrder: p, Match: SuggestionMatch.Personnummer))
            .Concat(byBirthDate.Select(p => (PreOrder: p, Match: SuggestionMatch.BirthDateAndName)))
            .Select(p => new PreOrderSuggestion(
                p.PreOrder.Id, p.PreOrder.OrganisationId, organisations[p.PreOrder.OrganisationId], p.PreOrder.ProductId, products[p.PreOrder.ProductId],
                p.PreOrder.Validity, p.Match, p.PreOrder.Version))
            .OrderBy(s => s.Match).ThenBy(s => s.OrganisationName).ThenBy(s => s.PreOrderId)
            .ToList();
    }
}
