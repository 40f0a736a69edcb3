using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>An upgrade: the subscription moved to another product and price from a day.</summary>
public sealed class ProductChange
{
    private ProductChange()
    {
        CreatedBy = string.Empty;
    }

    internal ProductChange(int fromProductId, int toProductId, Money oldMonthlyPrice, Money newMonthlyPrice, DateOnly effectiveDate, string createdBy, DateTime createdUtc)
    {
        FromProductId = fromProductId;
        ToProductId = toProductId;
        OldMonthlyPrice = oldMonthlyPrice;
        NewMonthlyPrice = newMonthlyPrice;
        EffectiveDate = effectiveDate;
        CreatedBy = createdBy;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public int FromProductId { get; private set; }

    public int ToProductId { get; private set; }

    public Money OldMonthlyPrice { get; private set; }

    public Money NewMonthlyPrice { get; private set; }

    public DateOnly EffectiveDate { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }
}
