using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.App.Components.Dialogs;

/// <summary>Inputs a dialog cannot preview without.</summary>
public static class DialogInputErrors
{
    public static readonly Error DatesMissing = new("input.dates", "Ange startdatum och slutdatum");
    public static readonly Error NewEndMissing = new("input.newend", "Ange nytt slutdatum");
    public static readonly Error UpgradeDayMissing = new("input.upgradeday", "Ange från vilken dag det nya priset gäller");
}
