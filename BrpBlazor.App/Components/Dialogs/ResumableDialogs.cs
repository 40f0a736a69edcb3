using System.Globalization;
using BrpBlazor.Core.Application.Subscriptions;

namespace BrpBlazor.App.Components.Dialogs;

/// <summary>
/// The inputs of an open subscription dialog as text, so a paused circuit can open the dialog again with what staff had
/// chosen (decision 135). The values come back from the browser (sealed by Data Protection), and are read as
/// carefully as typed input: a value that does not parse is left out and the dialog's own default stays.
/// </summary>
public sealed class DialogInputs
{
    public const int MaxTextLength = 500;

    public Dictionary<string, string> Values { get; init; } = new(StringComparer.Ordinal);

    public void SetDate(string name, DateOnly? value) => Set(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void SetNumber(string name, int? value) => Set(name, value?.ToString(CultureInfo.InvariantCulture));

    public void SetFlag(string name, bool value) => Set(name, value ? "1" : "0");

    public void SetText(string name, string? value) => Set(name, value);

    public DateOnly? Date(string name) =>
        Values.TryGetValue(name, out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public int? Number(string name) =>
        Values.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    public bool? Flag(string name) => Values.TryGetValue(name, out var text) ? text switch { "1" => true, "0" => false, _ => null } : null;

    public string? Text(string name) => Values.TryGetValue(name, out var text) && text.Length <= MaxTextLength ? text : null;

    public bool Has(string name) => Values.ContainsKey(name);

    private void Set(string name, string? value)
    {
        if (value is null)
        {
            Values.Remove(name);
        }
        else
        {
            Values[name] = value;
        }
    }
}

/// <summary>What it takes to open a subscription dialog again, for the staff member and person it was open for.</summary>
public sealed record ResumableDialog(SubscriptionAction Action, int SubscriptionId, int PersonId, string StaffId, DialogInputs Inputs);

/// <summary>
/// The circuit's open subscription dialog, if any. When the circuit is paused its snapshot is persisted with the
/// circuit; after the resume the person page takes it back and opens the dialog again (decision 135).
/// </summary>
public sealed class OpenDialogMemory
{
    private Func<ResumableDialog?>? open;
    private ResumableDialog? restored;

    /// <summary>Called by an open dialog; disposing the result says it closed.</summary>
    public IDisposable Track(Func<ResumableDialog?> snapshot)
    {
        open = snapshot;
        return new Forget(this, snapshot);
    }

    /// <summary>The open dialog as it is now, or null.</summary>
    public ResumableDialog? Snapshot() => open?.Invoke();

    /// <summary>What the paused circuit had open (from the resumed circuit's persisted state).</summary>
    public void Restore(ResumableDialog? dialog) => restored = dialog;

    /// <summary>
    /// The dialog to open again on this person's page, once: only for the same staff member and person it was open
    /// for. The dialog still loads its subscription through Core with the actor, so rights are checked again.
    /// </summary>
    public ResumableDialog? TakeRestored(int personId, string staffId)
    {
        var dialog = restored;
        restored = null;
        return dialog is not null
            && dialog.PersonId == personId
            && string.Equals(dialog.StaffId, staffId, StringComparison.Ordinal)
            && Enum.IsDefined(dialog.Action)
            && dialog.Inputs is not null
            ? dialog
            : null;
    }

    private sealed class Forget(OpenDialogMemory memory, Func<ResumableDialog?> snapshot) : IDisposable
    {
        public void Dispose()
        {
            if (memory.open == snapshot)
            {
                memory.open = null;
            }
        }
    }
}
