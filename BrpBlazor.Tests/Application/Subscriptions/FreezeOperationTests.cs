using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>
/// Frys through the service the dialog uses: the fee, and the supervisor override stored and audited (the pure rules
/// are Tests/Domain/Subscriptions/FreezeRuleTests). The product's rule: 7–90 days, 2 a year by start year, fee 100 kr.
/// </summary>
public class FreezeOperationTests
{
    private static readonly DateOnly April1 = new(2026, 4, 1);

    [Fact]
    public async Task FreezeAsync_Fee_IsChargedWhenCreatedAndWaitsAtTheTill()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var request = new FreezeRequest(April1, new DateOnly(2026, 4, 30), null);
        var preview = (await s.LoadAsync(id)).PreviewFreeze(request, Actors.Reception);

        await s.Operations.FreezeAsync(Actors.Reception, id, request, null, preview);

        var fee = Assert.Single(preview.Charges);
        Assert.Equal((ChargeKind.FreezeFee, Money.FromKronor(100)), (fee.Kind, fee.Amount));
        var overview = await new PersonOverviewQuery(s.Database.Factory).GetAsync(Actors.Reception, (await s.StoredAsync(id)).PersonId);
        var open = Assert.Single(overview.Value.OpenCharges, c => c.Kind == ChargeKind.FreezeFee);
        Assert.Equal((ChargeKind.FreezeFee, Money.FromKronor(100)), (open.Kind, open.Amount));
    }

    [Fact]
    public async Task FreezeAsync_NoFee_ChargesNothing()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync(rule: new FreezeRule(7, 90, 2, Money.Zero)));
        var request = new FreezeRequest(April1, new DateOnly(2026, 4, 30), null);
        var preview = (await s.LoadAsync(id)).PreviewFreeze(request, Actors.Reception);

        await s.Operations.FreezeAsync(Actors.Reception, id, request, null, preview);

        Assert.Empty(preview.Charges);
        Assert.DoesNotContain((await s.StoredAsync(id)).Charges, c => c.Kind == ChargeKind.FreezeFee);
    }

    public static TheoryData<string, string?> RefusedOverrides() => new()
    {
        { nameof(Right.Reception), "Läkarintyg visat" },
        { nameof(Right.Supervisor), null },
        { nameof(Right.Supervisor), "   " },
    };

    [Theory]
    [MemberData(nameof(RefusedOverrides))]
    public async Task FreezeAsync_OverrideWithoutSupervisorOrWithoutReason_IsRefusedAndStoresNothing(string right, string? reason)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var actor = right == nameof(Right.Supervisor) ? Actors.Supervisor : Actors.Reception;
        var tooShort = new FreezeRequest(April1, April1.AddDays(2), null);
        var preview = (await s.LoadAsync(id)).PreviewFreeze(tooShort, actor, reason);

        var result = await s.Operations.FreezeAsync(actor, id, tooShort, reason, preview);

        Assert.False(preview.CanConfirm);
        Assert.Equal("freeze.min", result.FirstError?.Code);
        Assert.Empty((await s.StoredAsync(id)).Freezes);
        Assert.Empty(await s.AuditAsync());
    }

    [Fact]
    public async Task FreezeAsync_SupervisorOverrideWithAReason_StoresAndAuditsTheReason()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var tooShort = new FreezeRequest(April1, April1.AddDays(2), null);
        var preview = (await s.LoadAsync(id)).PreviewFreeze(tooShort, Actors.Supervisor, "Läkarintyg visat");

        var result = await s.Operations.FreezeAsync(Actors.Supervisor, id, tooShort, "Läkarintyg visat", preview);

        Assert.True(preview.OnlyOverridableErrors && preview.OverrideGranted && preview.CanConfirm);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal("Läkarintyg visat", Assert.Single((await s.StoredAsync(id)).Freezes).OverrideReason);
        var audit = Assert.Single(await s.AuditAsync());
        Assert.StartsWith("Undantag (Frysningen är 3 dagar; produktens frysregel kräver minst 7 dagar)", audit.Reason, StringComparison.CurrentCulture);
        Assert.EndsWith("Läkarintyg visat", audit.Reason, StringComparison.CurrentCulture);
    }
}
