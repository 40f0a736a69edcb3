using BrpBlazor.Core.Application.PreOrders;
using MudBlazor;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>An import line's status as the preview shows it.</summary>
public static class ImportLineLabels
{
    public static string For(ImportLineStatus status) => status switch
    {
        ImportLineStatus.Ok => "ok",
        ImportLineStatus.Error => "fel",
        _ => "dubblett",
    };

    public static Color ColorFor(ImportLineStatus status) => status switch
    {
        ImportLineStatus.Ok => Color.Success,
        ImportLineStatus.Error => Color.Error,
        _ => Color.Warning,
    };
}
