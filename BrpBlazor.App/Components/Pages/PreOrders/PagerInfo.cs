namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>
/// The pager's "1–25 av 77". Given explicitly because MudBlazor formats the localized resource text with positional
/// arguments ({0}–{1} av {2}), and SwedishMudLocalizer's entry uses the named placeholders, which throws a FormatException.
/// </summary>
internal static class PagerInfo
{
    public const string Format = "{first_item}–{last_item} av {all_items}";
}
