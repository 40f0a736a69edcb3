using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>domain.md §7, exactly.</summary>
public class WorkedExampleTests
{
    private static readonly DateTime Now = new(2014, 4, 15, 8, 0, 0, DateTimeKind.Utc);
    private readonly Core.Domain.Products.Product product = TestData.Product(price: 100, binding: 12, notice: 1);

    private OperationContext At(DateOnly today) => new(today, product);

    [Fact]
    public void Freeze_May_MovesBindingAndGivesBackPaidDays()
    {
        var subscription = TestData.WorkedExample(product);

        var result = subscription.Freeze(new FreezeRequest(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31), null), At(new DateOnly(2014, 4, 15)), "staff", Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2015, 1, 31), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2014, 7, 31), subscription.BilledUntil);
        Assert.Equal(31, subscription.SavedDays);
        Assert.Equal(31, subscription.UsedDays);
    }

    [Fact]
    public void RemoveThatFreeze_RestoresDates_KeepsCounters()
    {
        var subscription = TestData.WorkedExample(product);
        subscription.Freeze(new FreezeRequest(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31), null), At(new DateOnly(2014, 4, 15)), "staff", Now);

        var result = subscription.RemoveFreeze(subscription.Freezes[0], At(new DateOnly(2014, 4, 20)), Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2014, 6, 30), subscription.BilledUntil);
        Assert.Equal(31, subscription.SavedDays);
        Assert.Equal(31, subscription.UsedDays);
    }

    [Fact]
    public void FreshFreeze_AfterBilledUntil_MovesOnlyBinding()
    {
        var subscription = TestData.WorkedExample(product);

        var result = subscription.Freeze(new FreezeRequest(new DateOnly(2014, 10, 15), new DateOnly(2014, 11, 14), null), At(new DateOnly(2014, 4, 15)), "staff", Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2015, 1, 31), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2014, 6, 30), subscription.BilledUntil);
        Assert.Equal(0, subscription.SavedDays);
        Assert.Equal(0, subscription.UsedDays);
    }

    [Fact]
    public void Cancel_WithinBinding_EndsAtBoundUntil()
    {
        var subscription = TestData.WorkedExample(product);

        var result = subscription.Cancel(new CancelRequest("Flyttar", FinalPayment: false), At(new DateOnly(2014, 6, 15)), "staff", Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.EndDate);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2014, 6, 15), subscription.CancelledOn);
        Assert.False(subscription.AutoRenew);
    }

    [Fact]
    public void Preview_ShowsTheSameValuesAsApply()
    {
        var subscription = TestData.WorkedExample(product);
        var request = new FreezeRequest(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31), null);

        var preview = subscription.PreviewFreeze(request, At(new DateOnly(2014, 4, 15)));

        Assert.Equal(new DateOnly(2014, 12, 31), preview.Before.BoundUntil);
        Assert.Equal(new DateOnly(2015, 1, 31), preview.After.BoundUntil);
        Assert.Equal(new DateOnly(2014, 7, 31), preview.After.BilledUntil);
        Assert.Equal(new DateOnly(2014, 12, 31), subscription.BoundUntil);
        subscription.Freeze(request, At(new DateOnly(2014, 4, 15)), "staff", Now);
        Assert.Equal(preview.After, subscription.Snapshot(new DateOnly(2014, 4, 15), product.FreezeRule) with { FreezeYear = preview.After.FreezeYear });
        Assert.Equal(Money.FromKronor(100), preview.TotalCharged);
    }
}
