using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Subscriptions;

/// <summary>
/// Issue 20.4 and docs/decisions/071: a membership that has ended is not frozen and not paid for. The subscription
/// of domain.md §7 (bound to 2014-12-31, 100 kr/month), billed to 2015-02-28, frozen 2015-02-02 … 2015-04-30
/// (88 days: bound to 2015-03-29, 27 paid frozen days given back, billed to 2015-05-27), cancelled on 2015-03-10
/// with a month's notice (to 2015-04-09).
/// </summary>
public class CancelDuringFreezeTests
{
    private static readonly DateTime Now = new(2015, 2, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly CancelDay = new(2015, 3, 10);
    private readonly Core.Domain.Products.Product product = TestData.Product(price: 100, binding: 12, notice: 1);

    [Fact]
    public void Frozen_BeforeTheCancellation_IsBilledToMay27()
    {
        var subscription = FrozenToApril30();

        Assert.Equal(new DateOnly(2015, 3, 29), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2015, 5, 27), subscription.BilledUntil);
        Assert.Equal(27, subscription.SavedDays);
    }

    [Fact]
    public void Cancel_DuringAFreezeThatRunsPastTheEnd_EndsTheFreezeAndTheBillingOnTheEndDate()
    {
        var subscription = FrozenToApril30();

        var result = subscription.Cancel(new CancelRequest("Flyttar", FinalPayment: false), new OperationContext(CancelDay, product), "staff", Now);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2015, 4, 9), subscription.EndDate);
        Assert.Equal(new DateOnly(2015, 4, 9), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2015, 4, 9), subscription.BilledUntil);
        Assert.Equal(new DateOnly(2015, 4, 9), subscription.MembershipDays(subscription.Freezes[0])!.Value.End);
        Assert.Equal(27, subscription.SavedDays);
    }

    [Fact]
    public void PreviewCancel_DuringAFreezeThatRunsPastTheEnd_SaysTheFreezeAndTheBillingEndOnTheEndDate()
    {
        var subscription = FrozenToApril30();

        var preview = subscription.PreviewCancel(new CancelRequest("Flyttar", FinalPayment: true), new OperationContext(CancelDay, product));

        Assert.True(preview.CanConfirm);
        Assert.Equal(new DateOnly(2015, 5, 27), preview.Before.BilledUntil);
        Assert.Equal(new DateOnly(2015, 4, 9), preview.After.BilledUntil);
        Assert.Equal(new DateOnly(2015, 4, 9), preview.After.EndDate);
        Assert.Empty(preview.Charges);
        Assert.Contains(preview.Notes, n => n.Contains("slutar på slutdatum 2015-04-09 i stället för 2015-04-30", StringComparison.Ordinal));
        Assert.Contains(preview.Notes, n => n.Contains("Debiterat t.o.m. blir 2015-04-09, inte 2015-05-27", StringComparison.Ordinal));
    }

    [Fact]
    public void UndoCancel_AfterCancellingDuringAFreeze_GivesTheWholeFreezeBack()
    {
        var subscription = FrozenToApril30();
        subscription.Cancel(new CancelRequest("Flyttar", FinalPayment: false), new OperationContext(CancelDay, product), "staff", Now);

        var result = subscription.UndoCancel("Ångrade sig", new OperationContext(new DateOnly(2015, 3, 12), product));

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        Assert.Equal(new DateOnly(2015, 3, 29), subscription.BoundUntil);
        Assert.Equal(new DateOnly(2015, 5, 27), subscription.BilledUntil);
        Assert.Equal(new DateOnly(2015, 4, 30), subscription.MembershipDays(subscription.Freezes[0])!.Value.End);
    }

    [Fact]
    public void Cancel_WithAFreezeThatEndsBeforeTheEndDate_ChangesNothingInTheFreeze()
    {
        var subscription = TestData.WorkedExample(product);
        subscription.Bill(new DateOnly(2015, 2, 1), new OperationContext(new DateOnly(2015, 2, 1), product), "seed", Now);
        subscription.Freeze(new FreezeRequest(new DateOnly(2015, 2, 2), new DateOnly(2015, 2, 20), null), new OperationContext(new DateOnly(2015, 2, 2), product), "staff", Now);
        var billedBefore = subscription.BilledUntil;

        var preview = subscription.PreviewCancel(new CancelRequest("Flyttar", FinalPayment: false), new OperationContext(CancelDay, product));

        Assert.Equal(new DateOnly(2015, 4, 9), preview.After.EndDate);
        Assert.Equal(new DateOnly(2015, 3, 19), billedBefore);
        Assert.Equal(billedBefore, preview.After.BilledUntil);
        Assert.DoesNotContain(preview.Notes, n => n.Contains("slutar på slutdatum", StringComparison.Ordinal));
    }

    private Subscription FrozenToApril30()
    {
        var subscription = TestData.WorkedExample(product);
        var billed = subscription.Bill(new DateOnly(2015, 2, 1), new OperationContext(new DateOnly(2015, 2, 1), product), "seed", Now);
        Assert.True(billed.IsSuccess, billed.FirstError?.Message);
        Assert.Equal(new DateOnly(2015, 2, 28), subscription.BilledUntil);
        var frozen = subscription.Freeze(
            new FreezeRequest(new DateOnly(2015, 2, 2), new DateOnly(2015, 4, 30), null), new OperationContext(new DateOnly(2015, 2, 2), product), "staff", Now);
        Assert.True(frozen.IsSuccess, frozen.FirstError?.Message);
        return subscription;
    }
}
