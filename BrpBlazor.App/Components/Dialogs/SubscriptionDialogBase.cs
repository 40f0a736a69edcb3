using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Dialogs;

/// <summary>
/// What every subscription dialog does the same way. It loads the subscription once, previews on every input
/// change (Core, no database), and listens to the change feed: when another tablet changes the subscription
/// the dialog loads it again, says what changed and previews the same inputs on the new state. A confirm on a
/// stale version is refused by Core and handled the same way, so nothing staff typed is lost.
/// </summary>
public abstract class SubscriptionDialogBase : ComponentBase, IDisposable
{
    private IDisposable? listening;
    private IDisposable? remembered;
    private bool closed;

    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public int SubscriptionId { get; set; }

    /// <summary>The inputs the dialog had when its tablet's circuit was paused (decision 135); null when opened from the menu.</summary>
    [Parameter]
    public DialogInputs? ResumeWith { get; set; }

    [Inject]
    private OpenDialogMemory Memory { get; set; } = default!;

    [Inject]
    protected SubscriptionOperations Operations { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private BrpMetrics Metrics { get; set; } = default!;

    [Inject]
    private ScopedChangeFeed ChangeFeed { get; set; } = default!;

    protected LoadedSubscription? Loaded { get; private set; }

    protected StaffActor Actor { get; private set; } = new(string.Empty, string.Empty, new HashSet<Right>());

    protected OperationPreview? Preview { get; private set; }

    protected string? OverrideReason { get; set; }

    /// <summary>What another tablet changed, or why a confirm was refused, in Swedish.</summary>
    protected string? ChangeNotice { get; private set; }

    protected Error? ApplyError { get; private set; }

    protected bool Busy { get; private set; }

    protected bool NotFound { get; private set; }

    /// <summary>"Frys · Per Berg · Gym 12 mån" so staff see whose membership they are changing.</summary>
    protected string Title(string operation) =>
        Loaded is null ? operation : $"{operation} · {Loaded.PersonName} · {Loaded.Product.Name}";

    protected override async Task OnInitializedAsync()
    {
        Actor = await Staff.GetAsync();
        await LoadAsync(first: true);
        if (Loaded is not null)
        {
            listening = ChangeFeed.SubscribeToPerson(Loaded.PersonId, OnChangedElsewhere);
            remembered = Memory.Track(Snapshot);
        }
    }

    /// <summary>Which menu item this dialog is (the same dialog may serve two).</summary>
    protected abstract SubscriptionAction Action { get; }

    /// <summary>Writes the inputs staff have chosen, so a resumed circuit can open the dialog again with them.</summary>
    protected virtual void SaveInputs(DialogInputs inputs)
    {
    }

    /// <summary>Puts back inputs saved by <see cref="SaveInputs"/>, over the defaults; a value that is missing keeps its default.</summary>
    protected virtual void RestoreInputs(DialogInputs inputs)
    {
    }

    /// <summary>Sets the inputs' defaults from the first load (later loads keep what staff chose).</summary>
    protected abstract void InitialiseInputs(LoadedSubscription loaded);

    protected abstract OperationPreview ComputePreview(LoadedSubscription loaded);

    protected abstract Task<Result<OperationPreview>> ApplyAsync(OperationPreview confirmed);

    /// <summary>A preview that changes nothing and says which input is missing.</summary>
    protected static OperationPreview Incomplete(LoadedSubscription loaded, Error missing)
    {
        var now = loaded.Subscription.Snapshot(loaded.Today, loaded.Product.FreezeRule);
        return new OperationPreview { Before = now, After = now, Errors = [missing], Version = loaded.Version };
    }

    /// <summary>Call after every input change.</summary>
    protected void Recompute()
    {
        ApplyError = null;
        Preview = Loaded is null ? null : ComputePreview(Loaded);
    }

    protected Task OnOverrideReasonChanged(string? reason)
    {
        OverrideReason = reason;
        Recompute();
        return Task.CompletedTask;
    }

    protected async Task ConfirmAsync()
    {
        if (Preview is not { CanConfirm: true } confirmed || Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var result = await ApplyAsync(confirmed);
            if (result.IsSuccess)
            {
                closed = true;
                remembered?.Dispose();
                Dialog.Close(DialogResult.Ok(true));
                return;
            }

            if (OperationErrors.MeansPreviewAgain(result.FirstError))
            {
                Metrics.StaleConfirm(GetType().Name.Replace("Dialog", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
                await LoadAsync(first: false);
                ChangeNotice = result.FirstError!.Message;
            }
            else
            {
                ApplyError = result.FirstError;
            }
        }
        finally
        {
            Busy = false;
        }
    }

    protected void Cancel()
    {
        closed = true;
        remembered?.Dispose();
        Dialog.Cancel();
    }

    public void Dispose()
    {
        closed = true;
        listening?.Dispose();
        remembered?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task LoadAsync(bool first)
    {
        var loaded = await Operations.LoadAsync(Actor, SubscriptionId);
        Loaded = loaded.IsSuccess ? loaded.Value : null;
        NotFound = Loaded is null;
        if (Loaded is not null && first)
        {
            InitialiseInputs(Loaded);
            if (ResumeWith is { } resumed)
            {
                RestoreInputs(resumed);
                OverrideReason = resumed.Text(OverrideInput) ?? OverrideReason;
            }
        }

        Recompute();
    }

    private const string OverrideInput = "override";

    private ResumableDialog? Snapshot()
    {
        if (closed || Loaded is null)
        {
            return null;
        }

        var inputs = new DialogInputs();
        SaveInputs(inputs);
        inputs.SetText(OverrideInput, OverrideReason);
        return new ResumableDialog(Action, SubscriptionId, Loaded.PersonId, Actor.Id, inputs);
    }

    private Task OnChangedElsewhere(SubscriptionChanged change) => InvokeAsync(async () =>
    {
        if (closed || Busy || change.SubscriptionId != SubscriptionId || change.Version <= (Loaded?.Version ?? 0))
        {
            return;
        }

        await LoadAsync(first: false);
        ChangeNotice = $"{change.ActorName} ändrade just abonnemanget: {change.Description}. Förhandsvisningen visar nu det nya läget – dina val finns kvar.";
        StateHasChanged();
    });
}
