using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>Ångra uppsägning: a supervisor's undo of a cancellation.</summary>
public class UndoCancelTests
{
    [Fact]
    public void UndoCancel_RestoresBindingAndRenewal()
    {
        var product = TestData.Product(price: 100, binding: 12, notice: 1);
        var subscription = TestData.WorkedExample(product);
        var context = new OperationContext(new DateOnly(2014, 6, 15), product);
        subscription.Freeze(new FreezeRequest(new DateOnly(2014, 8, 1), new DateOnly(2014, 8, 10), null), new OperationContext(new DateOnly(2014, 6, 1), product), "s", TestClockNow());
        subscription.RemoveFreeze(subscription.Freezes[0], new OperationContext(new DateOnly(2014, 6, 1), product), TestClockNow());
        var bound = subscription.BoundUntil;
        subscription.Cancel(new CancelRequest("Flytt", false), context, "s", TestClockNow());

        var result = subscription.UndoCancel("Ångrade sig vid disken", context);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(bound, subscription.BoundUntil);
        Assert.Null(subscription.EndDate);
        Assert.False(subscription.IsCancelled);
        Assert.True(subscription.AutoRenew);
        Assert.Equal(bound, result.Value.After.BoundUntil);
    }

    [Fact]
    public void UndoCancel_NeedsAReason_AndACancelledSubscription()
    {
        var product = TestData.Product();
        var subscription = TestData.WorkedExample(product);
        var context = new OperationContext(new DateOnly(2014, 6, 15), product);

        Assert.Equal(SubscriptionErrors.NotCancelled, subscription.PreviewUndoCancel("x", context).Errors.Single());
        subscription.Cancel(new CancelRequest("Flytt", false), context, "s", TestClockNow());
        Assert.Equal(SubscriptionErrors.UndoReasonRequired, subscription.PreviewUndoCancel(" ", context).Errors.Single());
    }

    [Fact]
    public async Task UndoCancelAsync_ReceptionIsRefused_SupervisorUndoesWithOneAuditEntry()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync();
        var id = await s.AddSubscriptionAsync(product);
        await s.ArrangeAsync(id, (sub, p) => sub.Cancel(new CancelRequest("Flytt", false), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));
        var loaded = await s.LoadAsync(id);

        var asReception = await s.Operations.UndoCancelAsync(Actors.Reception, id, "Ångrade sig", loaded.PreviewUndoCancel("Ångrade sig", Actors.Reception));
        Assert.False(asReception.IsSuccess);
        Assert.Empty(await s.AuditAsync());
        Assert.True((await s.StoredAsync(id)).IsCancelled);
        Assert.Equal(SubscriptionActions.NoSupervisorRight, loaded.Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.UndoCancel).Blocked);

        var preview = loaded.PreviewUndoCancel("Ångrade sig", Actors.Supervisor);
        var asSupervisor = await s.Operations.UndoCancelAsync(Actors.Supervisor, id, "Ångrade sig", preview);

        Assert.True(asSupervisor.IsSuccess, asSupervisor.FirstError?.Message);
        Assert.False((await s.StoredAsync(id)).IsCancelled);
        var entry = Assert.Single(await s.AuditAsync());
        Assert.Equal("subscription.cancel.undo", entry.Action);
        Assert.Equal("Ångrade sig", entry.Reason);
        Assert.DoesNotContain((await s.LoadAsync(id)).Actions(Actors.Supervisor), a => a.Action == SubscriptionAction.UndoCancel);
    }

    private static DateTime TestClockNow() => new(2014, 6, 1, 8, 0, 0, DateTimeKind.Utc);
}
