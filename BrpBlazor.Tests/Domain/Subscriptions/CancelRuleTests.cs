using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>domain.md §6.4's previews without a database: "Gym 12 mån" 300 kr/mån from 2026-01-01, billed to 2026-03-31, today 2026-03-16.</summary>
public class CancelRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly Product product = Product.Create(new ProductDetails(
        "Gym 12 mån", ProductKind.Running, Money.FromKronor(300), 1, 12, 1, false, true, new FreezeRule(7, 90, 2, Money.FromKronor(100)))).Value;

    [Fact]
    public void PreviewCancel_FinalPaymentOverTheBinding_ChargesWholePeriods()
    {
        var preview = Billed().PreviewCancel(new CancelRequest("Flyttar", FinalPayment: true), As(Actors.Reception));

        Assert.Equal($"Slutbetalning 2026-04-01 – 2026-12-31: 9 × 300 kr = {Money.FromKronor(2700)}", Assert.Single(preview.Charges).Formula);
        Assert.Equal(new DateOnly(2026, 12, 31), preview.After.BilledUntil);
    }

    [Fact]
    public void PreviewCancel_WithoutAReason_IsNotConfirmable()
    {
        var preview = Billed().PreviewCancel(new CancelRequest(" ", FinalPayment: false), As(Actors.Supervisor));

        Assert.Equal("Ange orsak till uppsägningen", Assert.Single(preview.Errors).Message);
        Assert.False(preview.CanConfirm);
    }

    /// <summary>The context the dialog previews in (Säg upp has no override).</summary>
    private OperationContext As(StaffActor actor) => new(Today, product, Overrides.For(actor, null));

    private Subscription Billed()
    {
        var subscription = Subscription.Create(new SubscriptionStart(1, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        subscription.Bill(Today, new OperationContext(Today, product), "seed", Seed);
        return subscription;
    }
}
