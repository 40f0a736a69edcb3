using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Core.Application.Subscriptions;

/// <summary>The items of a subscription's menu, in the customer's order (domain.md §9).</summary>
public enum SubscriptionAction
{
    Freeze,
    RemoveFreeze,
    ShortenFreeze,
    ExtendFreeze,
    Cancel,
    Upgrade,

    /// <summary>Ångra uppsägning: a supervisor's undo, offered only on a cancelled subscription.</summary>
    UndoCancel,

    /// <summary>Byta till billigare produkt, from the next billing period.</summary>
    Downgrade,

    /// <summary>Ångra produktbyte: offered while a downgrade is scheduled.</summary>
    CancelScheduledChange,
}

/// <summary>One menu item: allowed, or not with the reason staff see next to it.</summary>
public sealed record ActionAvailability(SubscriptionAction Action, Error? Blocked)
{
    public bool IsAllowed => Blocked is null;
}

/// <summary>
/// Why a menu item is not allowed right now. An action is shown disabled with its reason, never hidden
/// (domain.md §6). The dialogs and the server check the same rules again; this is only the courtesy.
/// </summary>
public static class SubscriptionActions
{
    public static readonly Error NoFutureFreeze = new("menu.nofuturefreeze", "Det finns ingen kommande frysning att ta bort");
    public static readonly Error NoCheaperProduct = new("menu.nocheaper", "Det finns ingen billigare produkt av samma slag att byta till");
    public static readonly Error NoDearerProduct = new("menu.nodearer", "Det finns ingen dyrare produkt av samma slag att uppgradera till");
    public static readonly Error NotFreezable = new("menu.notfreezable", "Produkten får inte frysas enligt sin frysregel (arbetsledare kan göra undantag)");
    public static readonly Error NoReceptionRight = new("menu.right", "Kräver rättigheten Reception");
    public static readonly Error NoSupervisorRight = new("menu.supervisor", "Kräver arbetsledare");

    public static IReadOnlyList<ActionAvailability> Evaluate(LoadedSubscription loaded, StaffActor actor)
    {
        var subscription = loaded.Subscription;
        var today = loaded.Today;
        var mayReceive = actor.Has(Right.Reception);
        var ongoing = loaded.OngoingFreeze;
        var changeOngoing = ongoing is null ? SubscriptionErrors.FreezeNotOngoing : subscription.WhyNotFreeze(today);

        List<ActionAvailability> items =
        [
            Item(SubscriptionAction.Freeze, subscription.WhyNotFreeze(today)
                ?? (!loaded.Product.FreezeRule.AllowsFreezing && !actor.Has(Right.Supervisor) ? NotFreezable : null)),
            Item(SubscriptionAction.RemoveFreeze, loaded.RemovableFreezes.Count > 0
                ? null
                : ongoing is not null ? SubscriptionErrors.FreezeHasBegun : NoFutureFreeze),
            Item(SubscriptionAction.ShortenFreeze, changeOngoing),
            Item(SubscriptionAction.ExtendFreeze, changeOngoing),
            Item(SubscriptionAction.Cancel, subscription.WhyNotCancel(today)),
            Item(SubscriptionAction.Upgrade, subscription.WhyNotUpgrade(today) ?? (loaded.UpgradeTargets.Count == 0 ? NoDearerProduct : null)),
            Item(SubscriptionAction.Downgrade, subscription.WhyNotDowngrade(today) ?? (loaded.DowngradeTargets.Count == 0 ? NoCheaperProduct : null)),
        ];
        if (subscription.Scheduled is not null)
        {
            items.Add(Item(SubscriptionAction.CancelScheduledChange, subscription.WhyNotCancelScheduledChange(today)));
        }

        if (subscription.IsCancelled)
        {
            items.Add(new(SubscriptionAction.UndoCancel, actor.Has(Right.Supervisor) ? subscription.WhyNotUndoCancel(today) : NoSupervisorRight));
        }

        return items;

        ActionAvailability Item(SubscriptionAction action, Error? blocked) =>
            new(action, mayReceive ? blocked : NoReceptionRight);
    }
}
