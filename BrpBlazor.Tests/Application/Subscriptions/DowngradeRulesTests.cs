using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>
/// Byta till billigare produkt through the service the dialog uses (docs/decisions/073). Today is 2026-03-16; the
/// subscription started 2026-01-01 on "Gym 12 mån" 300 kr, bound to 2026-12-31, billed to 2026-03-31.
/// </summary>
public class DowngradeRulesTests
{
    [Fact]
    public async Task DowngradeAsync_ProductAllowsItDuringTheBinding_SchedulesFromAprilAndAudits()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await AddFlexibleAsync(s));
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var loaded = await s.LoadAsync(id);
        var preview = loaded.PreviewDowngrade(basic.Id, Actors.Reception);

        var result = await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, null, preview);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal(new ScheduledChange(basic.Id, "Gym Bas", Money.FromKronor(200), new DateOnly(2026, 4, 1)), stored.Scheduled);
        Assert.Equal(Money.FromKronor(300), stored.MonthlyPrice);
        Assert.Equal("subscription.downgrade", Assert.Single(await s.AuditAsync()).Action);
        Assert.Single(s.Feed.Published);
    }

    [Fact]
    public async Task Menu_OffersDowngradeOnlyWithACheaperProduct_AndAngraProduktbyteOnlyWhenScheduled()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await AddFlexibleAsync(s));
        var withoutCheaper = (await s.LoadAsync(id)).Actions(Actors.Reception);
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var loaded = await s.LoadAsync(id);
        var withCheaper = loaded.Actions(Actors.Reception);
        await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, null, loaded.PreviewDowngrade(basic.Id, Actors.Reception));
        var scheduled = (await s.LoadAsync(id)).Actions(Actors.Reception);

        Assert.Equal(SubscriptionActions.NoCheaperProduct, withoutCheaper.Single(a => a.Action == SubscriptionAction.Downgrade).Blocked);
        Assert.True(withCheaper.Single(a => a.Action == SubscriptionAction.Downgrade).IsAllowed);
        Assert.DoesNotContain(withCheaper, a => a.Action == SubscriptionAction.CancelScheduledChange);
        Assert.True(scheduled.Single(a => a.Action == SubscriptionAction.CancelScheduledChange).IsAllowed);
    }

    [Fact]
    public async Task CancelScheduledChangeAsync_RemovesTheBookedChange()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await AddFlexibleAsync(s));
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var loaded = await s.LoadAsync(id);
        await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, null, loaded.PreviewDowngrade(basic.Id, Actors.Reception));

        var again = await s.LoadAsync(id);
        var result = await s.Operations.CancelScheduledChangeAsync(Actors.Reception, id, again.PreviewCancelScheduledChange(Actors.Reception));

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Null((await s.StoredAsync(id)).Scheduled);
        Assert.Equal("subscription.downgrade.cancel", (await s.AuditAsync())[^1].Action);
    }

    [Fact]
    public async Task DowngradeAsync_OnAStaleVersion_IsRefusedAndNothingIsBooked()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await AddFlexibleAsync(s));
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var preview = (await s.LoadAsync(id)).PreviewDowngrade(basic.Id, Actors.Reception);
        await s.ArrangeAsync(id, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null), new OperationContext(s.Today, p), "other tablet", SubscriptionScenario.SeedTime));

        var result = await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, null, preview);

        Assert.Equal(OperationErrors.Stale, result.FirstError);
        Assert.Null((await s.StoredAsync(id)).Scheduled);
    }

    [Fact]
    public async Task BillingRun_FromTheScheduledDay_BillsTheNewPrice()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await AddFlexibleAsync(s));
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var loaded = await s.LoadAsync(id);
        await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, null, loaded.PreviewDowngrade(basic.Id, Actors.Reception));
        s.Clock.SetToday(new DateOnly(2026, 4, 1));

        var bill = (await s.LoadAsync(id)).Subscription.PreviewBilling(new DateOnly(2026, 4, 1), new OperationContext(s.Today, loaded.Product));
        var result = await s.Operations.BillAsync(Actors.Supervisor, id, new DateOnly(2026, 4, 1), bill);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Contains(bill.Notes, n => n.Contains("från 2026-04-01 debiteras Gym Bas", StringComparison.Ordinal));
        var stored = await s.StoredAsync(id);
        Assert.Equal(basic.Id, stored.ProductId);
        Assert.Equal(Money.FromKronor(200), stored.Charges.Single(c => c.Kind == ChargeKind.Billing && c.CreatedBy == Actors.Supervisor.Id).Amount);
        Assert.Null(stored.Scheduled);
    }

    private static async Task<Product> AddFlexibleAsync(SubscriptionScenario s)
    {
        await using var db = s.Database.NewContext();
        var product = Product.Create(TestData.MonthlyDetails("Gym 12 mån", price: 300) with { AllowsDowngradeDuringBinding = true }).Value;
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }
}
