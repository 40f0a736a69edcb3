using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

public enum ChargeKind
{
    FreezeFee,
    UpgradeDifference,
    FinalPayment,
    Billing,
}

/// <summary>An order to pay at the till (Att betala i kassan).</summary>
public sealed class Charge
{
    private Charge()
    {
        Description = string.Empty;
        CreatedBy = string.Empty;
    }

    internal Charge(ChargeKind kind, Money amount, string description, string createdBy, DateTime createdUtc, Freeze? freeze = null)
    {
        Kind = kind;
        Amount = amount;
        Description = description;
        CreatedBy = createdBy;
        CreatedUtc = createdUtc;
        Freeze = freeze;
    }

    public int Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public ChargeKind Kind { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>What it is for, with the formula in words.</summary>
    public string Description { get; private set; }

    public int? FreezeId { get; private set; }

    public Freeze? Freeze { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? PaidUtc { get; private set; }

    public string? PaidBy { get; private set; }

    public DateTime? VoidedUtc { get; private set; }

    public bool IsOpen => PaidUtc is null && VoidedUtc is null;

    internal Result MarkPaid(string staffId, DateTime nowUtc)
    {
        if (PaidUtc is not null)
        {
            return new Error("charge.paid", "Avgiften är redan betald");
        }

        if (VoidedUtc is not null)
        {
            return new Error("charge.voided", "Avgiften är makulerad");
        }

        PaidUtc = nowUtc;
        PaidBy = staffId;
        return Result.Success();
    }

    internal void Void(DateTime nowUtc) => VoidedUtc = nowUtc;
}
