using System.Globalization;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>domain.md §6.4 through the service the dialog uses (the pure rules are Tests/Domain/Subscriptions/CancelRuleTests); today is 2026-03-16.</summary>
public class CancelOperationTests
{
    [Theory]
    [InlineData(false, "2026-04-15")]
    [InlineData(true, "2026-04-16")]
    public async Task CancelAsync_NoBinding_EndsWhenTheNoticeCountedFromTodayOrTomorrowEnds(bool noticeFromTomorrow, string expectedEnd)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync("Flex", binding: 0, notice: 1));
        var request = new CancelRequest("Flyttar", FinalPayment: false, noticeFromTomorrow);
        var preview = (await s.LoadAsync(id)).PreviewCancel(request, Actors.Reception);

        var result = await s.Operations.CancelAsync(Actors.Reception, id, request, preview);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal(DateOnly.Parse(expectedEnd, CultureInfo.InvariantCulture), stored.EndDate);
        Assert.Equal(DateOnly.Parse(expectedEnd, CultureInfo.InvariantCulture), stored.BoundUntil);
        Assert.Equal(s.Today, stored.CancelledOn);
        Assert.Equal("Flyttar", stored.CancellationReason);
        Assert.False(stored.AutoRenew);
        Assert.Contains(preview.Notes, n => n.Contains(noticeFromTomorrow ? "2026-03-17" : "2026-03-16", StringComparison.Ordinal));
        Assert.Equal("subscription.cancel", Assert.Single(await s.AuditAsync()).Action);
    }

    [Fact]
    public async Task CancelAsync_WithinTheBinding_EndsOnBoundUntil()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync(binding: 12, notice: 1));
        var request = new CancelRequest("Ekonomi", FinalPayment: false);
        var preview = (await s.LoadAsync(id)).PreviewCancel(request, Actors.Reception);

        await s.Operations.CancelAsync(Actors.Reception, id, request, preview);

        var stored = await s.StoredAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 31), stored.EndDate);
        Assert.Equal(new DateOnly(2026, 12, 31), stored.BoundUntil);
    }

    [Fact]
    public async Task CancelAsync_AFreezeNotBegun_BlocksWithTheReasonInTheMenuThePreviewAndTheApply()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        await s.ArrangeAsync(id, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));
        var loaded = await s.LoadAsync(id);
        var request = new CancelRequest("Flyttar", FinalPayment: false);

        var menu = loaded.Actions(Actors.Reception).Single(a => a.Action == SubscriptionAction.Cancel);
        var preview = loaded.PreviewCancel(request, Actors.Reception);
        var result = await s.Operations.CancelAsync(Actors.Reception, id, request, preview);

        const string reason = "Ta bort den kommande frysningen 2026-04-01 – 2026-04-30 innan abonnemanget sägs upp";
        Assert.Equal(reason, menu.Blocked?.Message);
        Assert.Equal(reason, Assert.Single(preview.Errors).Message);
        Assert.False(preview.CanConfirm);
        Assert.Equal(reason, result.FirstError?.Message);
        Assert.False((await s.StoredAsync(id)).IsCancelled);
        Assert.Empty(await s.AuditAsync());
    }

    [Fact]
    public async Task CancelAsync_FinalPayment_ChargesFromTheDayAfterBilledUntilToTheEnd()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync("Flex", price: 300, binding: 0, notice: 1));
        var request = new CancelRequest("Flyttar", FinalPayment: true);
        var preview = (await s.LoadAsync(id)).PreviewCancel(request, Actors.Reception);

        var result = await s.Operations.CancelAsync(Actors.Reception, id, request, preview);

        // Billed to 2026-03-31; the end is 2026-04-15: 15 of April's 30 days.
        var charge = Assert.Single(preview.Charges);
        Assert.Equal(ChargeKind.FinalPayment, charge.Kind);
        Assert.Equal(Money.FromKronor(150), charge.Amount);
        Assert.Equal("Slutbetalning 2026-04-01 – 2026-04-15: 300 kr × 15/30 dagar = 150 kr", charge.Formula);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal(new DateOnly(2026, 4, 15), stored.BilledUntil);
        Assert.Equal(Money.FromKronor(150), Assert.Single(stored.Charges, c => c.Kind == ChargeKind.FinalPayment).Amount);
    }
}
