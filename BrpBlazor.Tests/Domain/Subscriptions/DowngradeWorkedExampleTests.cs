using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>
/// docs/decisions/073, exactly: Byta till billigare produkt on the subscription of domain.md §7 (monthly, start 2014-01-01,
/// bound to 2014-12-31, billed to 2014-06-30, "Gym 12 mån" 100 kr/month), to "Gym Bas" 80 kr/month.
/// </summary>
public class DowngradeWorkedExampleTests
{
    private static readonly DateTime Now = new(2014, 6, 15, 8, 0, 0, DateTimeKind.Utc);
    private readonly Product product = TestData.Product(price: 100, binding: 12, notice: 1);
    private readonly Product flexible = Product.Create(TestData.MonthlyDetails(price: 100) with { AllowsDowngradeDuringBinding = true }).Value;
    private readonly Product basic = WithId(TestData.Product("Gym Bas", price: 80, binding: 12, notice: 1), 2);
    private readonly Product cheapest = WithId(TestData.Product("Gym Dag", price: 60, binding: 12, notice: 1), 3);
    private readonly Product gold = WithId(TestData.Product("Gym Guld", price: 150, binding: 12, notice: 1), 4);

    [Fact]
    public void Downgrade_DuringTheBinding_ProductDoesNotAllowIt_IsRefusedWithTheBindingDate()
    {
        var subscription = TestData.WorkedExample(product);

        var preview = subscription.PreviewDowngrade(To(basic), At(2014, 6, 15));

        Assert.False(preview.CanConfirm);
        var error = Assert.Single(preview.Errors);
        Assert.Equal("downgrade.binding", error.Code);
        Assert.Contains("Bundet t.o.m. 2014-12-31", error.Message, StringComparison.CurrentCulture);
        Assert.True(error.Overridable);
    }

    [Fact]
    public void Downgrade_DuringTheBinding_ASupervisorWithAReason_MayOverride()
    {
        var subscription = TestData.WorkedExample(product);

        var preview = subscription.PreviewDowngrade(To(basic), new OperationContext(new DateOnly(2014, 6, 15), product, new OverrideRequest(true, "Arbetslös, intyg visat")));
        var byReception = subscription.PreviewDowngrade(To(basic), new OperationContext(new DateOnly(2014, 6, 15), product, new OverrideRequest(false, "Arbetslös")));

        Assert.True(preview.CanConfirm);
        Assert.False(byReception.CanConfirm);
    }

    [Fact]
    public void Downgrade_DuringTheBinding_ProductAllowsIt_IsScheduledFromTheNextPeriod_NothingElseChanges()
    {
        var subscription = TestData.WorkedExample(flexible);

        var result = subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new ScheduledChange(basic.Id, "Gym Bas", Money.FromKronor(80), new DateOnly(2014, 7, 1)), subscription.Scheduled);
        Assert.Equal(Money.FromKronor(100), subscription.MonthlyPrice);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2014, 6, 30), subscription.BilledUntil);
        Assert.Empty(result.Value.Charges);
        Assert.Contains(result.Value.Notes, n => n.Contains("Byter till Gym Bas (80 kr/mån) från 2014-07-01", StringComparison.Ordinal));
        Assert.Contains(result.Value.Notes, n => n.Contains("inget återbetalas", StringComparison.Ordinal));
    }

    [Fact]
    public void BillingRun_AfterTheScheduledDay_BillsTheNewPriceAndMovesToTheNewProduct()
    {
        var subscription = TestData.WorkedExample(flexible);
        subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);

        var billed = subscription.Bill(new DateOnly(2014, 7, 1), At(2014, 7, 1, flexible), "billing", Now);

        Assert.True(billed.IsSuccess, billed.FirstError?.Message);
        var charge = Assert.Single(subscription.Charges);
        Assert.Equal(Money.FromKronor(80), charge.Amount);
        Assert.Equal(new DateOnly(2014, 7, 31), subscription.BilledUntil);
        Assert.Equal(basic.Id, subscription.ProductId);
        Assert.Equal(Money.FromKronor(80), subscription.MonthlyPrice);
        Assert.Null(subscription.Scheduled);
        var change = Assert.Single(subscription.ProductChanges);
        Assert.Equal(new DateOnly(2014, 7, 1), change.EffectiveDate);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.BoundUntil);
    }

    [Fact]
    public void BillingRun_BeforeTheScheduledDay_StillBillsTheOldPrice()
    {
        var subscription = TestData.WorkedExample(product);
        subscription.Bill(new DateOnly(2015, 1, 1), At(2015, 1, 10), "billing", Now);
        Assert.Equal(new DateOnly(2015, 1, 31), subscription.BilledUntil);
        subscription.Downgrade(To(basic), At(2015, 1, 10), "staff", Now);
        Assert.Equal(new DateOnly(2015, 2, 1), subscription.Scheduled!.From);

        subscription.Bill(new DateOnly(2015, 2, 1), At(2015, 2, 1), "billing", Now);

        Assert.Equal(Money.FromKronor(80), subscription.Charges[^1].Amount);
        Assert.Equal(Money.FromKronor(100), subscription.Charges[^2].Amount);
        Assert.Equal(basic.Id, subscription.ProductId);
    }

    [Fact]
    public void Downgrade_AfterTheBinding_IsAllowedWithoutTheProductSetting()
    {
        var subscription = TestData.WorkedExample(product);
        subscription.Bill(new DateOnly(2015, 1, 1), At(2015, 1, 10), "billing", Now);

        var preview = subscription.PreviewDowngrade(To(basic), At(2015, 1, 10));

        Assert.True(preview.CanConfirm, string.Join("; ", preview.Errors.Select(e => e.Message)));
        Assert.Equal(new DateOnly(2015, 2, 1), preview.After.Scheduled!.From);
    }

    [Fact]
    public void Downgrade_BillingBehind_StartsFromTheNextPeriodThatHasNotBegun_NeverMidPeriod()
    {
        // Billed to 2014-06-30 but today is 2014-07-10: July has begun, so the change starts 2014-08-01.
        var subscription = TestData.WorkedExample(flexible);

        var preview = subscription.PreviewDowngrade(To(basic), At(2014, 7, 10, flexible));

        Assert.Equal(new DateOnly(2014, 8, 1), preview.After.Scheduled!.From);
    }

    [Fact]
    public void Downgrade_ToADearerProduct_IsRefused()
    {
        var subscription = TestData.WorkedExample(flexible);

        var preview = subscription.PreviewDowngrade(To(gold), At(2014, 6, 15, flexible));

        Assert.Contains(preview.Errors, e => e.Code == "downgrade.dearer");
        Assert.False(preview.CanConfirm);
    }

    [Fact]
    public void CancelScheduledChange_BeforeItTakesEffect_LeavesTheSubscriptionAsItWas()
    {
        var subscription = TestData.WorkedExample(flexible);
        subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);

        var preview = subscription.PreviewCancelScheduledChange(At(2014, 6, 20, flexible));
        var result = subscription.CancelScheduledChange(At(2014, 6, 20, flexible));

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Contains("Det planerade bytet till Gym Bas från 2014-07-01 tas bort", Assert.Single(preview.Notes), StringComparison.CurrentCulture);
        Assert.Null(subscription.Scheduled);
        Assert.Equal(Money.FromKronor(100), subscription.MonthlyPrice);
    }

    [Fact]
    public void CancelScheduledChange_OnTheDayItTakesEffect_IsRefused()
    {
        var subscription = TestData.WorkedExample(flexible);
        subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);

        var preview = subscription.PreviewCancelScheduledChange(At(2014, 7, 1, flexible));

        Assert.Equal("downgrade.started", Assert.Single(preview.Errors).Code);
    }

    [Fact]
    public void Upgrade_CancelsAScheduledDowngrade_AndItsPreviewSaysSo()
    {
        var subscription = TestData.WorkedExample(flexible);
        subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);
        var request = new UpgradeRequest(new UpgradeTarget(gold, gold.MonthlyPrice), new DateOnly(2014, 6, 20));

        var preview = subscription.PreviewUpgrade(request, At(2014, 6, 20, flexible));
        var result = subscription.Upgrade(request, At(2014, 6, 20, flexible), "staff", Now);

        Assert.Contains(preview.Notes, n => n.Contains("Det planerade bytet till Gym Bas från 2014-07-01 tas bort av uppgraderingen", StringComparison.Ordinal));
        Assert.NotNull(preview.Before.Scheduled);
        Assert.Null(preview.After.Scheduled);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Null(subscription.Scheduled);
        Assert.Equal(Money.FromKronor(150), subscription.MonthlyPrice);
    }

    [Fact]
    public void SecondDowngrade_ReplacesTheFirst_AndItsPreviewSaysSo()
    {
        var subscription = TestData.WorkedExample(flexible);
        subscription.Downgrade(To(basic), At(2014, 6, 15, flexible), "staff", Now);

        var preview = subscription.PreviewDowngrade(To(cheapest), At(2014, 6, 20, flexible));
        subscription.Downgrade(To(cheapest), At(2014, 6, 20, flexible), "staff", Now);

        Assert.Contains(preview.Notes, n => n.Contains("Ersätter det planerade bytet till Gym Bas från 2014-07-01", StringComparison.Ordinal));
        Assert.Equal(new ScheduledChange(cheapest.Id, "Gym Dag", Money.FromKronor(60), new DateOnly(2014, 7, 1)), subscription.Scheduled);
    }

    private static DowngradeRequest To(Product target) => new(new UpgradeTarget(target, target.MonthlyPrice));

    private OperationContext At(int year, int month, int day, Product? on = null) => new(new DateOnly(year, month, day), on ?? product);

    /// <summary>Products built without a database have id 0; give the targets their own ids.</summary>
    private static Product WithId(Product p, int id)
    {
        typeof(Product).GetProperty(nameof(Product.Id))!.SetValue(p, id);
        return p;
    }
}
