using MudBlazor;

namespace BrpBlazor.App.Components.Layout;

/// <summary>A calm theme with large type that reads well on a tablet held at arm's length.</summary>
internal static class BrpTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5c8e",
            Secondary = "#c2410c",
            AppbarBackground = "#0b5c8e",
            Background = "#f6f7f9",
            Success = "#1b7f3b",
            Warning = "#b45309",
            Error = "#b91c1c",
            Info = "#0369a1",
            // Darker than MudBlazor's default so captions and upcoming wizard steps reach 4.5:1 on the grey background.
            TextSecondary = "#4b5563",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"], FontSize = "1rem" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
