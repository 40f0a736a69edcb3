using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>The product's freeze rule (7–90 days, 2 a year by start year, fee 100 kr) and the supervisor override.</summary>
public class FreezeRuleTests
{
    private static readonly DateOnly April1 = new(2026, 4, 1);

    [Theory]
    [InlineData(5, "freeze.min", "Frysningen är 5 dagar; produktens frysregel kräver minst 7 dagar")]
    [InlineData(91, "freeze.max", "Frysningen är 91 dagar; produktens frysregel tillåter högst 90 dagar")]
    public async Task PreviewFreeze_OutsideMinOrMax_NamesTheRuleAndTheNumbers(int days, string code, string message)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());

        var preview = (await s.LoadAsync(id)).PreviewFreeze(new FreezeRequest(April1, April1.AddDays(days - 1), null), Actors.Reception);

        var error = Assert.Single(preview.Errors);
        Assert.Equal((code, message), (error.Code, error.Message));
        Assert.True(error.Overridable);
        Assert.False(preview.CanConfirm);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(90)]
    public async Task PreviewFreeze_AtMinOrMax_IsAllowed(int days)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());

        var preview = (await s.LoadAsync(id)).PreviewFreeze(new FreezeRequest(April1, April1.AddDays(days - 1), null), Actors.Reception);

        Assert.Empty(preview.Errors);
        Assert.True(preview.CanConfirm);
    }

    [Fact]
    public async Task PreviewFreeze_ThirdStartingInTheSameYear_IsRefused_NextYearIsNot()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        await s.ArrangeAsync(id, (sub, p) =>
        {
            sub.Freeze(new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10), null), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime);
            sub.Freeze(new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 10), null), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime);
        });
        var loaded = await s.LoadAsync(id);

        var sameYear = loaded.PreviewFreeze(new FreezeRequest(new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 10), null), Actors.Reception);
        var nextYear = loaded.PreviewFreeze(new FreezeRequest(new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 12), null), Actors.Reception);

        Assert.Equal("2 av 2 frysningar använda 2026", Assert.Single(sameYear.Errors).Message);
        Assert.Equal(0, sameYear.Before.FreezesLeftInYear);
        Assert.Empty(nextYear.Errors);
        Assert.Equal((2027, 2, 1), (nextYear.After.FreezeYear, nextYear.Before.FreezesLeftInYear, nextYear.After.FreezesLeftInYear));
    }

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
        Assert.StartsWith("Undantag (Frysningen är 3 dagar; produktens frysregel kräver minst 7 dagar)", audit.Reason);
        Assert.EndsWith("Läkarintyg visat", audit.Reason);
    }

    [Fact]
    public async Task PreviewFreeze_StartInThePast_NeedsTheOverride()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var loaded = await s.LoadAsync(id);
        var lastWeek = new FreezeRequest(s.Today.AddDays(-7), s.Today.AddDays(20), null);

        var reception = loaded.PreviewFreeze(lastWeek, Actors.Reception);
        var supervisor = loaded.PreviewFreeze(lastWeek, Actors.Supervisor, "Glömde registrera");

        Assert.Equal("freeze.past", Assert.Single(reception.Errors).Code);
        Assert.False(reception.CanConfirm);
        Assert.True(supervisor.CanConfirm);
    }

    [Fact]
    public async Task PreviewFreeze_OverlappingAnotherFreeze_CannotBeOverridden()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        await s.ArrangeAsync(id, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10), null), new OperationContext(s.Today, p), "seed", SubscriptionScenario.SeedTime));

        var preview = (await s.LoadAsync(id)).PreviewFreeze(new FreezeRequest(new DateOnly(2026, 4, 5), new DateOnly(2026, 4, 20), null), Actors.Supervisor, "Försök");

        Assert.Equal("Överlappar frysningen 2026-04-01 – 2026-04-10", Assert.Single(preview.Errors).Message);
        Assert.False(preview.CanConfirm);
    }
}
