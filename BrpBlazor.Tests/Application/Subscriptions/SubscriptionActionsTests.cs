using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>The subscription menu: every item shown, a disabled one with its reason.</summary>
public class SubscriptionActionsTests
{
    [Fact]
    public async Task Actions_RunningWithoutFreezes_OffersFreezeCancelUpgrade_AndSaysWhyNotTheOthers()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var gym = await s.AddProductAsync("Gym", price: 300);
        await s.AddProductAsync("Gym Guld", price: 400);
        var id = await s.AddSubscriptionAsync(gym);

        var actions = (await s.LoadAsync(id)).Actions(Actors.Reception).ToDictionary(a => a.Action, a => a.Blocked?.Message);

        Assert.Equal(Enum.GetValues<SubscriptionAction>().Where(a => a is not SubscriptionAction.UndoCancel and not SubscriptionAction.CancelScheduledChange), actions.Keys);
        Assert.Null(actions[SubscriptionAction.Freeze]);
        Assert.Null(actions[SubscriptionAction.Cancel]);
        Assert.Null(actions[SubscriptionAction.Upgrade]);
        Assert.Equal("Det finns ingen kommande frysning att ta bort", actions[SubscriptionAction.RemoveFreeze]);
        Assert.Equal("Frysningen pågår inte i dag", actions[SubscriptionAction.ShortenFreeze]);
        Assert.Equal("Frysningen pågår inte i dag", actions[SubscriptionAction.ExtendFreeze]);
        Assert.Equal("Det finns ingen billigare produkt av samma slag att byta till", actions[SubscriptionAction.Downgrade]);
    }

    [Fact]
    public async Task Actions_OngoingFreeze_OffersShortenAndExtend_NotRemove()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        await s.ArrangeAsync(id, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 10), null), new OperationContext(new DateOnly(2026, 3, 1), p), "seed", SubscriptionScenario.SeedTime));

        var actions = (await s.LoadAsync(id)).Actions(Actors.Reception).ToDictionary(a => a.Action, a => a.Blocked?.Message);

        Assert.Null(actions[SubscriptionAction.ShortenFreeze]);
        Assert.Null(actions[SubscriptionAction.ExtendFreeze]);
        Assert.Equal("Frysningen har redan börjat – förkorta den i stället", actions[SubscriptionAction.RemoveFreeze]);
    }

    [Fact]
    public async Task Actions_ProductThatCannotBeFrozen_BlocksReceptionButNotASupervisor()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync(rule: FreezeRule.NotAllowed));
        var loaded = await s.LoadAsync(id);

        var reception = loaded.Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.Freeze);
        var supervisor = loaded.Actions(Actors.Supervisor).Single(a => a.Action == SubscriptionAction.Freeze);

        Assert.Equal(SubscriptionActions.NotFreezable, reception.Blocked);
        Assert.True(supervisor.IsAllowed);
    }

    [Fact]
    public async Task Actions_Cancelled_BlocksFreezeAndCancelWithTheReason()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        await s.ArrangeAsync(id, (sub, p) => sub.Cancel(new CancelRequest("Flyttar", false), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));

        var actions = (await s.LoadAsync(id)).Actions(Actors.Reception).ToDictionary(a => a.Action, a => a.Blocked?.Message);

        Assert.Equal("Abonnemanget är uppsagt", actions[SubscriptionAction.Freeze]);
        Assert.Equal("Abonnemanget är uppsagt", actions[SubscriptionAction.Cancel]);
    }

    [Fact]
    public async Task Actions_WithoutReceptionRight_AreAllBlocked()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());

        var actions = (await s.LoadAsync(id)).Actions(Actors.Organisation);

        Assert.All(actions, a => Assert.Equal(SubscriptionActions.NoReceptionRight, a.Blocked));
    }
}
