using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Redeem;

public sealed class RedeemServiceTests : IAsyncLifetime
{
    private static readonly RedeemSettings Settings = new(MaxMonthsLeftOnPrivate: 3, NoticeFromTomorrow: false);
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabaseFile database = default!;

    private DateOnly Today => clock.Today;

    private DateRange Valid => new(Today.AddDays(-10), Today.AddMonths(2));

    public async Task InitializeAsync() => database = await TestDatabaseFile.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Suggestions_MatchOnPersonnummer_NotOtherOrganisations()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        await using (var db = database.Factory.CreateDbContext())
        {
            var other = await TestData.AddOrganisationAsync(db, "Utan förbeställning AB", (gym, 280));
            await TestData.AddPreOrderAsync(db, company, gym, Valid, person.FullName, person.Personnummer);
            Assert.NotEqual(other.Id, company.Id);
        }

        var suggestions = (await Suggestions().ForAsync(Actors.Reception, RedeemIdentity.Of(person), Today)).Value;

        var suggestion = Assert.Single(suggestions);
        Assert.Equal(company.Id, suggestion.OrganisationId);
        Assert.Equal(SuggestionMatch.Personnummer, suggestion.Match);
        Assert.Equal(gym.Name, suggestion.ProductName);
    }

    [Fact]
    public async Task Suggestions_LeaveOutExpiredRedeemedAndWithdrawn()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        await using (var db = database.Factory.CreateDbContext())
        {
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(Today.AddMonths(-3), Today.AddDays(-1)), person.FullName, person.Personnummer);
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(Today.AddDays(1), Today.AddMonths(1)), person.FullName, person.Personnummer);
            var withdrawn = await TestData.AddPreOrderAsync(db, company, gym, Valid, person.FullName, person.Personnummer);
            withdrawn.Withdraw("Slutat", "staff", clock.UtcNow);
            var redeemed = await TestData.AddPreOrderAsync(db, company, gym, Valid, person.FullName, person.Personnummer);
            redeemed.Redeem(999, Today, clock.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Empty((await Suggestions().ForAsync(Actors.Reception, RedeemIdentity.Of(person), Today)).Value);
    }

    [Fact]
    public async Task Suggestions_BirthDateOnlyPreOrder_MatchesOnBirthDateAndNameAsProbable()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        await using (var db = database.Factory.CreateDbContext())
        {
            await TestData.AddPreOrderAsync(db, company, gym, Valid, $"{person.LastName}, {person.FirstName}", null, person.BirthDate);
            await TestData.AddPreOrderAsync(db, company, gym, Valid, "Någon Annan", null, person.BirthDate);
        }

        var suggestion = Assert.Single((await Suggestions().ForAsync(Actors.Reception, RedeemIdentity.Of(person), Today)).Value);
        Assert.Equal(SuggestionMatch.BirthDateAndName, suggestion.Match);
    }

    [Fact]
    public async Task Suggestions_TwoOrganisations_AreBothSuggested()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        await using (var db = database.Factory.CreateDbContext())
        {
            var city = await TestData.AddOrganisationAsync(db, "Västerås stad", (gym, 319));
            await TestData.AddPreOrderAsync(db, company, gym, Valid, person.FullName, person.Personnummer);
            await TestData.AddPreOrderAsync(db, city, gym, Valid, person.FullName, person.Personnummer);
        }

        var suggestions = (await Suggestions().ForAsync(Actors.Reception, RedeemIdentity.Of(person), Today)).Value;

        Assert.Equal(2, suggestions.Select(s => s.OrganisationId).Distinct().Count());
    }

    [Fact]
    public async Task ProductStep_WithAPreOrder_IsLockedToThePreOrderedProduct()
    {
        var (person, gym, company, gold) = await ArrangeAsync();
        await using (var db = database.Factory.CreateDbContext())
        {
            await TestData.AddPreOrderAsync(db, company, gold, Valid, person.FullName, person.Personnummer);
        }

        var step = (await Service().ProductChoicesAsync(Actors.Reception, company.Id, RedeemIdentity.Of(person))).Value;

        Assert.True(step.LockedByPreOrder);
        var choice = Assert.Single(step.Choices);
        Assert.Equal(gold.Id, choice.ProductId);
        Assert.Equal(Money.FromKronor(449), choice.MonthlyPrice);
        Assert.Contains("förbeställt", step.Explanation, StringComparison.CurrentCulture);
        Assert.NotEqual(gym.Id, choice.ProductId);
    }

    [Fact]
    public async Task ProductStep_WithoutAPreOrder_ShowsThePriceList()
    {
        var (person, gym, company, gold) = await ArrangeAsync();

        var step = (await Service().ProductChoicesAsync(Actors.Reception, company.Id, RedeemIdentity.Of(person))).Value;

        Assert.False(step.LockedByPreOrder);
        Assert.Equal(new[] { gold.Id, gym.Id }.Order(), step.Choices.Select(c => c.ProductId).Order());
        Assert.Contains(step.Choices, c => c.ProductId == gym.Id && c.MonthlyPrice == Money.FromKronor(299));
    }

    [Fact]
    public async Task Finish_CreatesOrganisationSubscription_RedeemsPreOrder_WritesAudit()
    {
        var (person, _, company, gold) = await ArrangeAsync();
        PreOrder preOrder;
        await using (var db = database.Factory.CreateDbContext())
        {
            preOrder = await TestData.AddPreOrderAsync(db, company, gold, Valid, person.FullName, person.Personnummer);
        }

        var result = await Service().FinishAsync(Actors.Reception, person.Id,
            new RedeemRequest(company.Id, preOrder.Id, gold.Id, Today, true, "asa@exempel.se", "070-1", PreOrderVersion: preOrder.Version), Settings);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var check = database.Factory.CreateDbContext();
        var subscription = await check.Subscriptions.SingleAsync();
        Assert.Equal(company.Id, subscription.OrganisationId);
        Assert.Equal(Money.FromKronor(449), subscription.MonthlyPrice);
        Assert.Equal(preOrder.Id, subscription.PreOrderId);
        var stored = await check.PreOrders.SingleAsync();
        Assert.Equal(PreOrderStatus.Redeemed, stored.Status);
        Assert.Equal(subscription.Id, stored.RedeemedSubscriptionId);
        Assert.Equal("asa@exempel.se", (await check.People.SingleAsync(p => p.Id == person.Id)).Email);
        Assert.Single(await check.AuditEntries.Where(a => a.Action == "preorder.redeem").ToListAsync());
    }

    [Fact]
    public async Task Finish_WrongProductAtAnOrganisationWithAPreOrder_IsRefusedAndSavesNothing()
    {
        var (person, gym, company, gold) = await ArrangeAsync();
        PreOrder preOrder;
        await using (var db = database.Factory.CreateDbContext())
        {
            preOrder = await TestData.AddPreOrderAsync(db, company, gold, Valid, person.FullName, person.Personnummer);
        }

        var withoutPreOrder = await Service().FinishAsync(Actors.Reception, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings);
        var otherProduct = await Service().FinishAsync(Actors.Reception, person.Id, new RedeemRequest(company.Id, preOrder.Id, gym.Id, Today, true, null, null), Settings);

        Assert.Equal("redeem.locked", withoutPreOrder.FirstError!.Code);
        Assert.Equal("redeem.locked", otherProduct.FirstError!.Code);
        await using var check = database.Factory.CreateDbContext();
        Assert.False(await check.Subscriptions.AnyAsync());
        Assert.False(await check.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task Finish_WithoutIdCheckOrRight_IsRefused()
    {
        var (person, gym, company, _) = await ArrangeAsync();

        var noId = await Service().FinishAsync(Actors.Reception, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, false, null, null), Settings);
        var noRight = await Service().FinishAsync(Actors.Organisation, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings);

        Assert.Equal(RedeemErrors.IdentityNotChecked, noId.FirstError);
        Assert.Equal("right.missing", noRight.FirstError!.Code);
        await using var check = database.Factory.CreateDbContext();
        Assert.False(await check.Subscriptions.AnyAsync());
    }

    [Fact]
    public async Task TwoTablets_RedeemingTheSamePreOrder_MakeExactlyOneSubscription()
    {
        var (person, _, company, gold) = await ArrangeAsync();
        PreOrder preOrder;
        await using (var db = database.Factory.CreateDbContext())
        {
            preOrder = await TestData.AddPreOrderAsync(db, company, gold, Valid, person.FullName, person.Personnummer);
        }

        var request = new RedeemRequest(company.Id, preOrder.Id, gold.Id, Today, true, null, null, PreOrderVersion: preOrder.Version);
        var results = await Task.WhenAll(
            Task.Run(() => Service().FinishAsync(Actors.Reception, person.Id, request, Settings)),
            Task.Run(() => Service().FinishAsync(Actors.Reception, person.Id, request, Settings)));

        Assert.Single(results, r => r.IsSuccess);
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(RedeemErrors.AlreadyRedeemedByOther, loser.FirstError);
        await using var check = database.Factory.CreateDbContext();
        Assert.Equal(1, await check.Subscriptions.CountAsync());
    }

    [Fact]
    public async Task PrivateMember_WithMoreMonthsLeftThanAllowed_IsStopped_UnlessASupervisorOverrides()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        // A private 12-month binding that started last month: about 11 months left.
        await AddPrivateSubscriptionAsync(person.Id, gym.Id, Today.AddMonths(-1));

        var check = (await Service().CheckPrivateMembershipAsync(Actors.Reception, person.Id, Settings)).Value;
        var refused = await Service().FinishAsync(Actors.Reception, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings);
        var withoutReason = await Service().FinishAsync(Actors.Supervisor, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings);
        var overridden = await Service().FinishAsync(Actors.Supervisor, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null, "Arbetsgivaren betalar lösen"), Settings);

        Assert.True(check.Blocks);
        Assert.Contains("11 månader kvar", check.Message, StringComparison.CurrentCulture);
        Assert.Equal("redeem.private", refused.FirstError!.Code);
        Assert.Equal("redeem.private", withoutReason.FirstError!.Code);
        Assert.True(overridden.IsSuccess, overridden.FirstError?.Message);
        await using var db2 = database.Factory.CreateDbContext();
        Assert.Equal("Arbetsgivaren betalar lösen", (await db2.AuditEntries.SingleAsync(a => a.Action == "subscription.create.agreement")).Reason);
    }

    [Fact]
    public async Task PrivateMember_WithFewMonthsLeft_MayContinue()
    {
        var (person, gym, company, _) = await ArrangeAsync();
        await AddPrivateSubscriptionAsync(person.Id, gym.Id, Today.AddMonths(-10));

        Assert.False((await Service().CheckPrivateMembershipAsync(Actors.Reception, person.Id, Settings)).Value.Blocks);
        Assert.True((await Service().FinishAsync(Actors.Reception, person.Id, new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings)).IsSuccess);
    }

    [Fact]
    public async Task Register_ExistingPersonnummer_StopsWithThePerson()
    {
        var (person, gym, company, _) = await ArrangeAsync();

        var result = await Service().RegisterAndFinishAsync(Actors.Reception,
            new PersonDetails("Åsa", "Öberg", person.Personnummer, default, null, null),
            new RedeemRequest(company.Id, null, gym.Id, Today, true, null, null), Settings);

        Assert.Equal(person.Id, result.FirstError!.ExistingPersonId);
    }

    [Fact]
    public async Task Register_TwoTabletsAtOnce_CreateOnePersonAndAtMostOneSubscription()
    {
        var (_, _, company, gold) = await ArrangeAsync();
        var pnr = TestData.NextPersonnummer(new DateOnly(1988, 9, 9));
        PreOrder preOrder;
        await using (var db = database.Factory.CreateDbContext())
        {
            preOrder = await TestData.AddPreOrderAsync(db, company, gold, Valid, "Nils Nyman", pnr);
        }

        var details = new PersonDetails("Nils", "Nyman", pnr, default, null, null);
        var request = new RedeemRequest(company.Id, preOrder.Id, gold.Id, Today, true, null, null, PreOrderVersion: preOrder.Version);
        var results = await Task.WhenAll(
            Task.Run(() => Service().RegisterAndFinishAsync(Actors.Reception, details, request, Settings)),
            Task.Run(() => Service().RegisterAndFinishAsync(Actors.Reception, details, request, Settings)));

        await using var check = database.Factory.CreateDbContext();
        Assert.Equal(1, await check.People.CountAsync(p => p.Personnummer == pnr));
        Assert.Equal(1, await check.Subscriptions.CountAsync(s => s.PreOrderId == preOrder.Id));
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.NotNull(loser.FirstError!.ExistingPersonId);
    }

    private RedeemService Service() =>
        new(database.Factory, database.Database, clock, new InProcessChangeFeed());

    private RedeemSuggestions Suggestions() => new(database.Factory);

    private async Task<(Person Person, Core.Domain.Products.Product Gym, Core.Domain.Organisations.Organisation Company, Core.Domain.Products.Product Gold)> ArrangeAsync()
    {
        await using var db = database.Factory.CreateDbContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var gold = await TestData.AddProductAsync(db, "Gym Guld", 549);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299), (gold, 449));
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        return (person, gym, company, gold);
    }

    /// <summary>A private subscription (no organisation) on the product, started on <paramref name="start"/>.</summary>
    private async Task AddPrivateSubscriptionAsync(int personId, int productId, DateOnly start)
    {
        await using var db = database.Factory.CreateDbContext();
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        db.Subscriptions.Add(Subscription.Create(new SubscriptionStart(personId, product, product.MonthlyPrice, start, null, null, "seed", clock.UtcNow)));
        await db.SaveChangesAsync();
    }
}
