using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Core.Application.Subscriptions;

/// <summary>
/// A subscription as a dialog holds it: with its freezes, charges, billing runs and product changes, its product,
/// the products it could be upgraded to, and the business date it was loaded on. Every preview is computed here,
/// without a database call or a clock read, so a dialog can preview again on every keystroke.
/// </summary>
public sealed class LoadedSubscription
{
    internal LoadedSubscription(
        Subscription subscription, Product product, string personName, string? organisationName, IReadOnlyList<UpgradeTarget> upgradeTargets, DateOnly today)
    {
        Subscription = subscription;
        Product = product;
        PersonName = personName;
        OrganisationName = organisationName;
        UpgradeTargets = upgradeTargets;
        Today = today;
    }

    public Subscription Subscription { get; }

    public Product Product { get; }

    public string PersonName { get; }

    public string? OrganisationName { get; }

    /// <summary>Dearer main products of the same kind: the organisation's price list, or the list prices.</summary>
    public IReadOnlyList<UpgradeTarget> UpgradeTargets { get; }

    /// <summary>Cheaper main products of the same kind and interval (Byta till billigare produkt), dearest first.</summary>
    public IReadOnlyList<UpgradeTarget> DowngradeTargets { get; init; } = [];

    /// <summary>The business date when it was loaded; previews use it, never the clock.</summary>
    public DateOnly Today { get; }

    public int Id => Subscription.Id;

    public int PersonId => Subscription.PersonId;

    public int Version => Subscription.Version;

    /// <summary>Freezes that have not begun (Ta bort frysning), earliest first.</summary>
    public IReadOnlyList<Freeze> RemovableFreezes =>
        Subscription.ActiveFreezes.Where(f => Subscription.CanRemove(f, Today)).OrderBy(f => f.Range.Start).ToList();

    /// <summary>The freeze in progress today (Förkorta / Förlänga pågående frysning), if any.</summary>
    public Freeze? OngoingFreeze => Subscription.ActiveFreezes.FirstOrDefault(f => f.IsOngoing(Today));

    /// <summary>The product name for an id the subscription has or could have (the preview's product row).</summary>
    public string ProductName(int productId) =>
        productId == Product.Id ? Product.Name
        : UpgradeTargets.Concat(DowngradeTargets).FirstOrDefault(t => t.Product.Id == productId)?.Product.Name ?? $"Produkt {productId}";

    public OperationContext Context(StaffActor actor, string? overrideReason) =>
        new(Today, Product, Overrides.For(actor, overrideReason));

    public OperationPreview PreviewFreeze(FreezeRequest request, StaffActor actor, string? overrideReason = null) =>
        Subscription.PreviewFreeze(request, Context(actor, overrideReason));

    public OperationPreview PreviewRemoveFreeze(int freezeId, StaffActor actor, string? overrideReason = null) =>
        Subscription.PreviewRemoveFreeze(Subscription.ActiveFreeze(freezeId), Context(actor, overrideReason));

    public OperationPreview PreviewChangeFreezeEnd(int freezeId, FreezeChange change, DateOnly newEnd, StaffActor actor, string? overrideReason = null) =>
        Subscription.PreviewChangeFreezeEnd(Subscription.ActiveFreeze(freezeId), change, newEnd, Context(actor, overrideReason));

    public OperationPreview PreviewCancel(CancelRequest request, StaffActor actor) =>
        Subscription.PreviewCancel(request, Context(actor, null));

    public OperationPreview PreviewUpgrade(int? targetProductId, DateOnly upgradeDay, StaffActor actor, string? overrideReason = null) =>
        Subscription.PreviewUpgrade(new UpgradeRequest(Target(targetProductId), upgradeDay), Context(actor, overrideReason));

    public OperationPreview PreviewUndoCancel(string? reason, StaffActor actor) =>
        Subscription.PreviewUndoCancel(reason, Context(actor, null));

    public OperationPreview PreviewDowngrade(int? targetProductId, StaffActor actor, string? overrideReason = null) =>
        Subscription.PreviewDowngrade(new DowngradeRequest(DowngradeTarget(targetProductId)), Context(actor, overrideReason));

    public OperationPreview PreviewCancelScheduledChange(StaffActor actor) =>
        Subscription.PreviewCancelScheduledChange(Context(actor, null));

    public UpgradeTarget? DowngradeTarget(int? productId) => DowngradeTargets.FirstOrDefault(t => t.Product.Id == productId);

    public UpgradeTarget? Target(int? productId) => UpgradeTargets.FirstOrDefault(t => t.Product.Id == productId);

    /// <summary>What the subscription's menu offers now, each item with the reason when it is not allowed.</summary>
    public IReadOnlyList<ActionAvailability> Actions(StaffActor actor) => SubscriptionActions.Evaluate(this, actor);
}

/// <summary>A supervisor's override, built the same way for the preview and for the apply.</summary>
public static class Overrides
{
    public static OverrideRequest For(StaffActor actor, string? reason) =>
        new(actor.Has(Right.Supervisor), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
}
