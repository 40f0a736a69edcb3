using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Redeem;

namespace BrpBlazor.Core.Application.Redeem;

/// <summary>A product the wizard's Produkt step offers, at the price the member will pay.</summary>
public sealed record ProductChoice(int ProductId, string Name, Money MonthlyPrice, ProductKind Kind, int BindingMonths, int NoticeMonths, int? PreOrderId);

/// <summary>A pre-order to start registering a walk-in employee from (Registrera ny organisationskund).</summary>
public sealed record PreOrderStart(int PreOrderId, string Name, string? PersonnummerText, DateOnly BirthDate, string? Email, int OrganisationId, string OrganisationName);

/// <summary>
/// The Produkt step: locked to the pre-ordered product when the organisation holds a pre-order for the person,
/// otherwise the organisation's price list.
/// </summary>
public sealed record ProductStepModel(IReadOnlyList<ProductChoice> Choices, bool LockedByPreOrder, string Explanation);

/// <summary>What the wizard's Slutför sends. Nothing is saved before it.</summary>
/// <param name="PreOrderVersion">The version of the pre-order the wizard showed; another tablet's redeem changes it.</param>
public sealed record RedeemRequest(
    int OrganisationId,
    int? PreOrderId,
    int ProductId,
    DateOnly StartDate,
    bool IdentityChecked,
    string? Email,
    string? Phone,
    string? OverrideReason = null,
    int? PreOrderVersion = null)
{
    /// <summary>What the redeem rules (<see cref="Redemption"/>) judge.</summary>
    public RedemptionChoice Choice => new(ProductId, StartDate, PreOrderId, PreOrderVersion, OverrideReason);
}

public sealed record RedeemOutcome(int PersonId, int SubscriptionId);
