using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Subscriptions;
using MudBlazor;

namespace BrpBlazor.App.Components.Dialogs;

/// <summary>The subscription menu's words (domain.md §9) and the dialog behind each item.</summary>
public static class SubscriptionDialogs
{
    /// <summary>Wide enough for inputs beside the preview on a desktop; on a 768 px tablet they stack. A stray tap outside never throws away input.</summary>
    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Medium,
        FullWidth = true,
        CloseButton = true,
        BackdropClick = false,
        CloseOnEscapeKey = true,
    };

    public static string Label(SubscriptionAction action) => action switch
    {
        SubscriptionAction.Freeze => "Frys",
        SubscriptionAction.RemoveFreeze => "Ta bort frysning",
        SubscriptionAction.ShortenFreeze => "Förkorta pågående frysning",
        SubscriptionAction.ExtendFreeze => "Förlänga pågående frysning",
        SubscriptionAction.Cancel => "Säg upp",
        SubscriptionAction.Upgrade => "Uppgradera",
        SubscriptionAction.UndoCancel => "Ångra uppsägning",
        SubscriptionAction.Downgrade => "Byta till billigare produkt",
        SubscriptionAction.CancelScheduledChange => "Ångra produktbyte",
        _ => action.ToString(),
    };

    public static string Icon(SubscriptionAction action) => action switch
    {
        SubscriptionAction.Freeze => Icons.Material.Filled.AcUnit,
        SubscriptionAction.RemoveFreeze => Icons.Material.Filled.DeleteOutline,
        SubscriptionAction.ShortenFreeze => Icons.Material.Filled.FirstPage,
        SubscriptionAction.ExtendFreeze => Icons.Material.Filled.LastPage,
        SubscriptionAction.Cancel => Icons.Material.Filled.EventBusy,
        SubscriptionAction.Upgrade => Icons.Material.Filled.Upgrade,
        SubscriptionAction.UndoCancel => Icons.Material.Filled.Undo,
        SubscriptionAction.Downgrade => Icons.Material.Filled.TrendingDown,
        SubscriptionAction.CancelScheduledChange => Icons.Material.Filled.EventRepeat,
        _ => Icons.Material.Filled.MoreHoriz,
    };

    /// <summary>A stable test id: "freeze", "remove-freeze", "shorten-freeze", …</summary>
    public static string TestId(SubscriptionAction action) => action switch
    {
        SubscriptionAction.RemoveFreeze => "remove-freeze",
        SubscriptionAction.ShortenFreeze => "shorten-freeze",
        SubscriptionAction.ExtendFreeze => "extend-freeze",
        SubscriptionAction.UndoCancel => "undo-cancel",
        SubscriptionAction.CancelScheduledChange => "cancel-scheduled-change",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>Opens the dialog for <paramref name="action"/>; true when staff confirmed and it was saved.</summary>
    public static async Task<bool> OpenAsync(IDialogService dialogs, SubscriptionAction action, int subscriptionId, DialogInputs? resumeWith = null)
    {
        var parameters = new DialogParameters
        {
            [nameof(SubscriptionDialogBase.SubscriptionId)] = subscriptionId,
            [nameof(SubscriptionDialogBase.ResumeWith)] = resumeWith,
        };
        var title = Label(action);
        var reference = action switch
        {
            SubscriptionAction.Freeze => await dialogs.ShowAsync<FreezeDialog>(title, parameters, Options),
            SubscriptionAction.RemoveFreeze => await dialogs.ShowAsync<RemoveFreezeDialog>(title, parameters, Options),
            SubscriptionAction.ShortenFreeze => await dialogs.ShowAsync<ChangeFreezeEndDialog>(title, With(parameters, FreezeChange.Shorten), Options),
            SubscriptionAction.ExtendFreeze => await dialogs.ShowAsync<ChangeFreezeEndDialog>(title, With(parameters, FreezeChange.Extend), Options),
            SubscriptionAction.Cancel => await dialogs.ShowAsync<CancelDialog>(title, parameters, Options),
            SubscriptionAction.UndoCancel => await dialogs.ShowAsync<UndoCancelDialog>(title, parameters, Options),
            SubscriptionAction.Downgrade => await dialogs.ShowAsync<DowngradeDialog>(title, parameters, Options),
            SubscriptionAction.CancelScheduledChange => await dialogs.ShowAsync<CancelScheduledChangeDialog>(title, parameters, Options),
            _ => await dialogs.ShowAsync<UpgradeDialog>(title, parameters, Options),
        };
        var result = await reference.Result;
        return result is { Canceled: false };
    }

    private static DialogParameters With(DialogParameters parameters, FreezeChange change)
    {
        parameters.Add(nameof(ChangeFreezeEndDialog.Change), change);
        return parameters;
    }
}
