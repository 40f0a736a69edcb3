namespace BrpBlazor.Core.Application.Redeem;

/// <summary>The audit log's action names for Utnyttja avtal/förbeställning, declared once.</summary>
public static class RedeemAudit
{
    /// <summary>A subscription through an organisation's agreement, without a pre-order.</summary>
    public const string AgreementSubscription = "subscription.create.agreement";

    public const string PreOrderRedeemed = "preorder.redeem";
}
