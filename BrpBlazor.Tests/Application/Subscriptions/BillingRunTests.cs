using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>Debitering: preview, then bill, each subscription in its own transaction with its own audit entry (Supervisor).</summary>
public class BillingRunTests
{
    private static readonly DateOnly April1 = new(2026, 4, 1);
    private static readonly DateOnly May1 = new(2026, 5, 1);

    [Fact]
    public async Task RunAsync_AllRunning_BillsWhatThePreviewShowedAndSkipsFrozenDays()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        var plain = await s.AddSubscriptionAsync(product, firstName: "Anna");
        var frozen = await s.AddSubscriptionAsync(product, firstName: "Bo");
        await s.ArrangeAsync(frozen, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 19), null), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));

        var preview = (await s.Billing.PreviewAsync(Actors.Supervisor, April1)).Value;
        var outcome = (await s.Billing.RunAsync(Actors.Supervisor, preview)).Value;

        Assert.Equal([plain, frozen], preview.Items.Select(i => i.SubscriptionId));
        Assert.Equal("2026-04-01 – 2026-04-30: 300 kr × 1 mån = 300 kr", Assert.Single(preview.Items[0].Preview.Charges).Formula);
        Assert.Equal("2026-04-01 – 2026-05-10: 300 kr × 1 mån = 300 kr, förlängd med 10 frysta dagar", Assert.Single(preview.Items[1].Preview.Charges).Formula);
        Assert.Equal(Money.FromKronor(600), preview.Total);
        Assert.Equal(2, outcome.Billed.Count);
        Assert.Empty(outcome.Refused);
        Assert.Equal(new DateOnly(2026, 4, 30), (await s.StoredAsync(plain)).BilledUntil);
        Assert.Equal(new DateOnly(2026, 5, 10), (await s.StoredAsync(frozen)).BilledUntil);
        var audit = await s.AuditAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("subscription.billing", a.Action));
        Assert.Equal(2, s.Feed.Published.Count);
    }

    [Fact]
    public async Task PreviewAsync_AllRunning_LeavesOutWhatHasNothingToBill()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(binding: 0);
        var billedAhead = await s.AddSubscriptionAsync(product);
        await s.ArrangeAsync(billedAhead, (sub, p) => sub.Bill(May1, new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));
        // Cancelled with a final payment: billed to its end date (2026-04-15), so nothing is left to bill.
        var cancelledAndPaid = await s.AddSubscriptionAsync(product);
        await s.ArrangeAsync(cancelledAndPaid, (sub, p) => sub.Cancel(new CancelRequest("Flyttar", FinalPayment: true), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));
        var due = await s.AddSubscriptionAsync(product);

        var preview = (await s.Billing.PreviewAsync(Actors.Supervisor, May1)).Value;

        Assert.Equal([due], preview.Items.Select(i => i.SubscriptionId));
    }

    [Fact]
    public async Task RunAsync_OneChangedSinceThePreview_IsRefusedAndTheOthersAreBilled()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync();
        var first = await s.AddSubscriptionAsync(product, firstName: "Anna");
        var changed = await s.AddSubscriptionAsync(product, firstName: "Bo");
        var preview = (await s.Billing.PreviewAsync(Actors.Supervisor, April1)).Value;

        var freeze = new FreezeRequest(new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 19), null);
        var freezePreview = (await s.LoadAsync(changed)).PreviewFreeze(freeze, Actors.Reception);
        await s.Operations.FreezeAsync(Actors.Reception, changed, freeze, null, freezePreview);
        var outcome = (await s.Billing.RunAsync(Actors.Supervisor, preview)).Value;

        Assert.Equal([first], outcome.Billed.Select(b => b.SubscriptionId));
        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal((changed, OperationErrors.Stale), (refusal.Item.SubscriptionId, refusal.Error));
        Assert.Equal(new DateOnly(2026, 3, 31), (await s.StoredAsync(changed)).BilledUntil);
    }

    [Fact]
    public async Task PreviewAsync_OneSubscription_ShowsOnlyItOrWhyThereIsNothingToBill()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync();
        var id = await s.AddSubscriptionAsync(product);
        await s.AddSubscriptionAsync(product);

        var due = (await s.Billing.PreviewAsync(Actors.Supervisor, April1, id)).Value;
        var nothing = (await s.Billing.PreviewAsync(Actors.Supervisor, new DateOnly(2026, 3, 20), id)).Value;

        Assert.Equal(id, Assert.Single(due.Items).SubscriptionId);
        Assert.Equal(SubscriptionErrors.NothingToBill, Assert.Single(Assert.Single(nothing.Items).Preview.Errors));
        Assert.Equal(Money.Zero, nothing.Total);
    }

    [Fact]
    public async Task Billing_Reception_CannotPreviewOrRunIt()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var preview = (await s.Billing.PreviewAsync(Actors.Supervisor, April1)).Value;

        var previewed = await s.Billing.PreviewAsync(Actors.Reception, April1);
        var run = await s.Billing.RunAsync(Actors.Reception, preview);
        var one = await s.Operations.BillAsync(Actors.Reception, id, April1, preview.Items[0].Preview);

        Assert.Equal("Du saknar rättigheten Arbetsledare", previewed.FirstError?.Message);
        Assert.Equal("right.missing", run.FirstError?.Code);
        Assert.Equal("right.missing", one.FirstError?.Code);
        Assert.Equal(new DateOnly(2026, 3, 31), (await s.StoredAsync(id)).BilledUntil);
        Assert.Empty(await s.AuditAsync());
    }
}
