using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>
/// domain.md §6.5: (new − old) × days from the upgrade day to BilledUntil ÷ days in that billing period.
/// Found while building the upgrade dialog: without a recorded billing run the period was counted back with
/// AddMonths from its last day (2014-05-31 … 2014-06-30, 31 days), and after a run the days billed before it were lost.
/// </summary>
public class UpgradeDifferenceTests
{
    private static readonly DateTime Now = new(2014, 6, 16, 8, 0, 0, DateTimeKind.Utc);
    private readonly Product product = TestData.Product(price: 300);
    private readonly Product gold = TestData.Product("Gym Guld", price: 400);

    private UpgradeRequest To400(DateOnly day) => new(new UpgradeTarget(gold, Money.FromKronor(400)), day);

    private Subscription BilledToEndOfJune() =>
        Subscription.Create(new SubscriptionStart(1, product, Money.FromKronor(300), new DateOnly(2014, 1, 1), null, null, "test", Now, new DateOnly(2014, 6, 30)));

    [Fact]
    public void PreviewUpgrade_BilledToMonthEndWithoutARun_CountsThatMonthsDays()
    {
        var subscription = BilledToEndOfJune();

        var preview = subscription.PreviewUpgrade(To400(new DateOnly(2014, 6, 16)), new OperationContext(new DateOnly(2014, 6, 16), product));

        var charge = Assert.Single(preview.Charges);
        Assert.Equal(Money.FromKronor(50), charge.Amount);
        Assert.Equal("(400 kr − 300 kr) × 15/30 dagar = 50 kr", charge.Formula);
    }

    [Fact]
    public void PreviewUpgrade_AfterABillingRun_StillCountsTheDaysBilledBeforeIt()
    {
        var subscription = BilledToEndOfJune();
        subscription.Bill(new DateOnly(2014, 8, 1), new OperationContext(new DateOnly(2014, 6, 16), product), "test", Now);
        Assert.Equal(new DateOnly(2014, 8, 31), subscription.BilledUntil);

        var preview = subscription.PreviewUpgrade(To400(new DateOnly(2014, 6, 16)), new OperationContext(new DateOnly(2014, 6, 16), product));

        var charge = Assert.Single(preview.Charges);
        Assert.Equal(Money.FromKronor(250), charge.Amount);
        Assert.Equal("(400 kr − 300 kr) × 15/30 dagar + 2 × (400 kr − 300 kr) = 250 kr", charge.Formula);
    }

    [Fact]
    public void PreviewUpgrade_OnTheFirstDayOfABilledMonth_ChargesWholeMonths()
    {
        var subscription = BilledToEndOfJune();

        var preview = subscription.PreviewUpgrade(To400(new DateOnly(2014, 3, 1)), new OperationContext(new DateOnly(2014, 3, 1), product));

        Assert.Equal(Money.FromKronor(400), Assert.Single(preview.Charges).Amount);
    }

    [Fact]
    public void PreviewUpgrade_FreezesLeftFollowTheNewProductsRule()
    {
        var subscription = BilledToEndOfJune();
        var generous = Product.Create(TestData.MonthlyDetails("Gym Fri frysning", 400, rule: new FreezeRule(7, 90, 4, Money.Zero))).Value;

        var preview = subscription.PreviewUpgrade(
            new UpgradeRequest(new UpgradeTarget(generous, Money.FromKronor(400)), new DateOnly(2014, 6, 16)),
            new OperationContext(new DateOnly(2014, 6, 16), product));

        Assert.Equal(2, preview.Before.FreezesLeftInYear);
        Assert.Equal(4, preview.After.FreezesLeftInYear);
    }
}
