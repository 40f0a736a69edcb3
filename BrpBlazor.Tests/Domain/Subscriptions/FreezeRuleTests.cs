using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>
/// The product's freeze rule (7–90 days, 2 a year by start year, fee 100 kr) and the supervisor override, without a
/// database: "Gym 12 mån" 300 kr/mån from 2026-01-01, billed to 2026-03-31, today 2026-03-16.
/// </summary>
public class FreezeRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);
    private static readonly DateOnly April1 = new(2026, 4, 1);
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly Product product = Product.Create(new ProductDetails(
        "Gym 12 mån", ProductKind.Running, Money.FromKronor(300), 1, 12, 1, false, true, new FreezeRule(7, 90, 2, Money.FromKronor(100)))).Value;

    [Theory]
    [InlineData(5, "freeze.min", "Frysningen är 5 dagar; produktens frysregel kräver minst 7 dagar")]
    [InlineData(91, "freeze.max", "Frysningen är 91 dagar; produktens frysregel tillåter högst 90 dagar")]
    public void PreviewFreeze_OutsideMinOrMax_NamesTheRuleAndTheNumbers(int days, string code, string message)
    {
        var preview = Billed().PreviewFreeze(new FreezeRequest(April1, April1.AddDays(days - 1), null), As(Actors.Reception));

        var error = Assert.Single(preview.Errors);
        Assert.Equal((code, message), (error.Code, error.Message));
        Assert.True(error.Overridable);
        Assert.False(preview.CanConfirm);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(90)]
    public void PreviewFreeze_AtMinOrMax_IsAllowed(int days)
    {
        var preview = Billed().PreviewFreeze(new FreezeRequest(April1, April1.AddDays(days - 1), null), As(Actors.Reception));

        Assert.Empty(preview.Errors);
        Assert.True(preview.CanConfirm);
    }

    [Fact]
    public void PreviewFreeze_ThirdStartingInTheSameYear_IsRefused_NextYearIsNot()
    {
        var subscription = Billed();
        subscription.Freeze(new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10), null), new OperationContext(Today, product), "seed", Seed);
        subscription.Freeze(new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 10), null), new OperationContext(Today, product), "seed", Seed);

        var sameYear = subscription.PreviewFreeze(new FreezeRequest(new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 10), null), As(Actors.Reception));
        var nextYear = subscription.PreviewFreeze(new FreezeRequest(new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 12), null), As(Actors.Reception));

        Assert.Equal("2 av 2 frysningar använda 2026", Assert.Single(sameYear.Errors).Message);
        Assert.Equal(0, sameYear.Before.FreezesLeftInYear);
        Assert.Empty(nextYear.Errors);
        Assert.Equal((2027, 2, 1), (nextYear.After.FreezeYear, nextYear.Before.FreezesLeftInYear, nextYear.After.FreezesLeftInYear));
    }

    [Fact]
    public void PreviewFreeze_StartInThePast_NeedsTheOverride()
    {
        var subscription = Billed();
        var lastWeek = new FreezeRequest(Today.AddDays(-7), Today.AddDays(20), null);

        var reception = subscription.PreviewFreeze(lastWeek, As(Actors.Reception));
        var supervisor = subscription.PreviewFreeze(lastWeek, As(Actors.Supervisor, "Glömde registrera"));

        Assert.Equal("freeze.past", Assert.Single(reception.Errors).Code);
        Assert.False(reception.CanConfirm);
        Assert.True(supervisor.CanConfirm);
    }

    [Fact]
    public void PreviewFreeze_OverlappingAnotherFreeze_CannotBeOverridden()
    {
        var subscription = Billed();
        subscription.Freeze(new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10), null), new OperationContext(Today, product), "seed", Seed);

        var preview = subscription.PreviewFreeze(new FreezeRequest(new DateOnly(2026, 4, 5), new DateOnly(2026, 4, 20), null), As(Actors.Supervisor, "Försök"));

        Assert.Equal("Överlappar frysningen 2026-04-01 – 2026-04-10", Assert.Single(preview.Errors).Message);
        Assert.False(preview.CanConfirm);
    }

    /// <summary>The context the dialog previews in: today, the product, and the actor's override (as <see cref="Overrides"/> builds it).</summary>
    private OperationContext As(StaffActor actor, string? reason = null) => new(Today, product, Overrides.For(actor, reason));

    private Subscription Billed()
    {
        var subscription = Subscription.Create(new SubscriptionStart(1, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        subscription.Bill(Today, new OperationContext(Today, product), "seed", Seed);
        return subscription;
    }
}
