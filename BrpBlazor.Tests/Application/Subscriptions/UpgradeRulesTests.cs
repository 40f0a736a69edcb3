using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>domain.md §6.5; today is 2026-03-16 and the subscription is billed to 2026-03-31.</summary>
public class UpgradeRulesTests
{
    [Fact]
    public async Task UpgradeAsync_PaysThePriceDifferenceForTheRestOfTheBilledPeriod()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var gym = await s.AddProductAsync("Gym", price: 300);
        var gold = await s.AddProductAsync("Gym Guld", price: 400);
        var id = await s.AddSubscriptionAsync(gym);
        var loaded = await s.LoadAsync(id);

        var preview = loaded.PreviewUpgrade(gold.Id, s.Today, Actors.Reception);
        var result = await s.Operations.UpgradeAsync(Actors.Reception, id, gold.Id, s.Today, null, preview);

        // 2026-03-16 … 2026-03-31 is 16 of March's 31 days: 100 kr × 16/31 = 51,61 kr → 52 kr.
        var charge = Assert.Single(preview.Charges);
        Assert.Equal("(400 kr − 300 kr) × 16/31 dagar = 52 kr", charge.Formula);
        Assert.Equal(Money.FromKronor(52), charge.Amount);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal((gold.Id, Money.FromKronor(400)), (stored.ProductId, stored.MonthlyPrice));
        Assert.Equal((new DateOnly(2026, 12, 31), new DateOnly(2026, 3, 31)), (stored.BoundUntil!.Value, stored.BilledUntil));
        Assert.Equal(s.Today, Assert.Single(stored.ProductChanges).EffectiveDate);
        Assert.Equal(Money.FromKronor(52), Assert.Single(stored.Charges, c => c.Kind == ChargeKind.UpgradeDifference).Amount);
        Assert.Equal("subscription.upgrade", Assert.Single(await s.AuditAsync()).Action);
    }

    [Fact]
    public async Task UpgradeAsync_ChargesBilledBefore_KeepTheProductTheyWereMadeFor()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var autogiro = await s.AddProductAsync("Gym 12 mån autogiro", price: 300);
        var flex = await s.AddProductAsync("Gym Flex månad", price: 400);
        var id = await s.AddSubscriptionAsync(autogiro);
        var preview = (await s.LoadAsync(id)).PreviewUpgrade(flex.Id, s.Today, Actors.Reception);

        await s.Operations.UpgradeAsync(Actors.Reception, id, flex.Id, s.Today, null, preview);

        var overview = (await new PersonOverviewQuery(s.Database.Factory).GetAsync(Actors.Reception, (await s.StoredAsync(id)).PersonId)).Value;
        var billed = overview!.OpenCharges.Where(c => c.Kind == ChargeKind.Billing).ToList();
        Assert.NotEmpty(billed);
        Assert.All(billed, c => Assert.Equal("Gym 12 mån autogiro", c.ProductName));
        Assert.Equal("Gym Flex månad", Assert.Single(overview.OpenCharges, c => c.Kind == ChargeKind.UpgradeDifference).ProductName);
    }

    [Fact]
    public async Task UpgradeTargets_OrganisationCustomer_AreThePriceListsDearerProductsAtItsPrices()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var gym = await s.AddProductAsync("Gym", price: 300);
        var gold = await s.AddProductAsync("Gym Guld", price: 400);
        await s.AddProductAsync("Gym Platina", price: 600);
        var company = await s.AddOrganisationAsync("Företaget AB", (gym, 250), (gold, 350));
        var id = await s.AddSubscriptionAsync(gym, price: Money.FromKronor(250), organisation: company);

        var loaded = await s.LoadAsync(id);

        var target = Assert.Single(loaded.UpgradeTargets);
        Assert.Equal(("Gym Guld", Money.FromKronor(350)), (target.Product.Name, target.MonthlyPrice));
        Assert.Equal("Företaget AB", loaded.OrganisationName);
    }

    [Fact]
    public async Task UpgradeTargets_PrivateCustomer_AreDearerMainProductsOfTheSameKindAtListPrice()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var gym = await s.AddProductAsync("Gym", price: 300);
        await s.AddProductAsync("Gym Guld", price: 400);
        await s.AddProductAsync("Gym Platina", price: 600);
        await s.AddProductAsync("Billigare", price: 200);
        await s.AddProductAsync("PT-tillägg", price: 900, binding: 0, addOn: true);
        await s.AddProductAsync("Sommarkort", price: 700, binding: 3, kind: ProductKind.FixedTerm);
        var id = await s.AddSubscriptionAsync(gym);

        var loaded = await s.LoadAsync(id);

        Assert.Equal(["Gym Guld", "Gym Platina"], loaded.UpgradeTargets.Select(t => t.Product.Name));
        Assert.True(loaded.Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.Upgrade).IsAllowed);
    }

    [Fact]
    public async Task Upgrade_NoDearerProduct_IsNotOfferedWithTheReason()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync("Gym", price: 300));

        var menu = (await s.LoadAsync(id)).Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.Upgrade);

        Assert.Equal(SubscriptionActions.NoDearerProduct, menu.Blocked);
    }

    public enum Obstacle
    {
        Cancelled,
        Unbilled,
        CurrentFreeze,
        FutureFreeze,
    }

    [Theory]
    [InlineData(Obstacle.Cancelled, "subscription.cancelled", "Abonnemanget är uppsagt")]
    [InlineData(Obstacle.Unbilled, "upgrade.notbilled", "Abonnemanget har inte debiterats ännu")]
    [InlineData(Obstacle.CurrentFreeze, "upgrade.freeze", "Abonnemanget har en pågående eller kommande frysning")]
    [InlineData(Obstacle.FutureFreeze, "upgrade.freeze", "Abonnemanget har en pågående eller kommande frysning")]
    public async Task Upgrade_IsNotOffered_WithTheReason(Obstacle obstacle, string code, string message)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var gym = await s.AddProductAsync("Gym", price: 300);
        var gold = await s.AddProductAsync("Gym Guld", price: 400);
        var id = await s.AddSubscriptionAsync(gym, billed: obstacle != Obstacle.Unbilled);
        var madeOn = new OperationContext(new DateOnly(2026, 3, 1), gym);
        await s.ArrangeAsync(id, (sub, product) =>
        {
            var arranged = obstacle switch
            {
                Obstacle.Cancelled => sub.Cancel(new CancelRequest("Flyttar", false), new OperationContext(s.Today, gym), "seed", SubscriptionScenario.SeedTime),
                Obstacle.CurrentFreeze => sub.Freeze(new FreezeRequest(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20), null), madeOn, "seed", SubscriptionScenario.SeedTime),
                Obstacle.FutureFreeze => sub.Freeze(new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 10), null), madeOn, "seed", SubscriptionScenario.SeedTime),
                _ => null,
            };
            Assert.True(arranged?.IsSuccess ?? true);
        });
        var loaded = await s.LoadAsync(id);

        var menu = loaded.Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.Upgrade);
        var preview = loaded.PreviewUpgrade(gold.Id, s.Today, Actors.Supervisor, "försöker ändå");

        Assert.Equal((code, message), (menu.Blocked?.Code, menu.Blocked?.Message));
        Assert.Equal(code, Assert.Single(preview.Errors).Code);
        Assert.False(preview.CanConfirm);
    }
}
