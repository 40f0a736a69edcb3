using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BrpBlazor.App.Infrastructure;

/// <summary>MudBlazor's own texts (stepper, data grid, pickers) in Swedish; no translation package is served here.</summary>
internal sealed class SwedishMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudStepper_Next"] = "Nästa",
        ["MudStepper_Previous"] = "Föregående",
        ["MudStepper_Complete"] = "Slutför",
        ["MudStepper_Reset"] = "Börja om",
        ["MudStepper_Skip"] = "Hoppa över",
        ["MudDataGridPager_AllItems"] = "Alla",
        ["MudDataGridPager_FirstPage"] = "Första sidan",
        ["MudDataGridPager_InfoFormat"] = "{0}–{1} av {2}",
        ["MudDataGridPager_LastPage"] = "Sista sidan",
        ["MudDataGridPager_NextPage"] = "Nästa sida",
        ["MudDataGridPager_PreviousPage"] = "Föregående sida",
        ["MudDataGridPager_RowsPerPage"] = "Rader per sida:",
        ["MudDataGrid_AddFilter"] = "Lägg till filter",
        ["MudDataGrid_Apply"] = "Använd",
        ["MudDataGrid_Cancel"] = "Avbryt",
        ["MudDataGrid_Clear"] = "Rensa",
        ["MudDataGrid_ClearFilter"] = "Rensa filter",
        ["MudDataGrid_Column"] = "Kolumn",
        ["MudDataGrid_Columns"] = "Kolumner",
        ["MudDataGrid_Contains"] = "innehåller",
        ["MudDataGrid_EndsWith"] = "slutar med",
        ["MudDataGrid_Equals"] = "är lika med",
        ["MudDataGrid_False"] = "falskt",
        ["MudDataGrid_Filter"] = "Filter",
        ["MudDataGrid_FilterValue"] = "Värde",
        ["MudDataGrid_Hide"] = "Dölj",
        ["MudDataGrid_HideAll"] = "Dölj alla",
        ["MudDataGrid_Is"] = "är",
        ["MudDataGrid_IsAfter"] = "är efter",
        ["MudDataGrid_IsAnyOf"] = "är någon av",
        ["MudDataGrid_IsBefore"] = "är före",
        ["MudDataGrid_IsEmpty"] = "är tom",
        ["MudDataGrid_IsNot"] = "är inte",
        ["MudDataGrid_IsNotEmpty"] = "är inte tom",
        ["MudDataGrid_IsOnOrAfter"] = "är på eller efter",
        ["MudDataGrid_IsOnOrBefore"] = "är på eller före",
        ["MudDataGrid_Loading"] = "Hämtar…",
        ["MudDataGrid_NotContains"] = "innehåller inte",
        ["MudDataGrid_NotEquals"] = "är inte lika med",
        ["MudDataGrid_OpenFilters"] = "Öppna filter",
        ["MudDataGrid_Operator"] = "Villkor",
        ["MudDataGrid_RefreshData"] = "Uppdatera",
        ["MudDataGrid_RemoveFilter"] = "Ta bort filter",
        ["MudDataGrid_Save"] = "Spara",
        ["MudDataGrid_ShowAll"] = "Visa alla",
        ["MudDataGrid_ShowColumnOptions"] = "Kolumnval",
        ["MudDataGrid_Sort"] = "Sortera",
        ["MudDataGrid_StartsWith"] = "börjar med",
        ["MudDataGrid_True"] = "sant",
        ["MudDataGrid_Unsort"] = "Ta bort sortering",
        ["MudDataGrid_Value"] = "Värde",
        ["MudBaseDatePicker_NextMonth"] = "Nästa månad",
        ["MudBaseDatePicker_PrevMonth"] = "Föregående månad",
        ["MudBaseDatePicker_NextYear"] = "Nästa år",
        ["MudBaseDatePicker_PrevYear"] = "Föregående år",
        ["MudBaseDatePicker_Open"] = "Öppna kalender",
        ["MudDateRangePicker_Start"] = "Från",
        ["MudDateRangePicker_End"] = "Till",
        ["MudDialog_Close"] = "Stäng",
        ["MudAlert_Close"] = "Stäng",
        ["MudChip_Close"] = "Stäng",
        ["MudSnackbar_Close"] = "Stäng",
        ["MudFileUpload_Button"] = "Välj fil",
        ["MudFileUpload_DragAndDrop"] = "Dra och släpp en fil här",
        ["MudFileUpload_FileSizeError"] = "Filen är för stor",
        ["MudFormComponent_Required"] = "Obligatoriskt",
        ["MudInput_Clear"] = "Rensa",
        ["MudInput_Increment"] = "Öka",
        ["MudInput_Decrement"] = "Minska",
        ["MudPagination_FirstPage"] = "Första sidan",
        ["MudPagination_LastPage"] = "Sista sidan",
        ["MudPagination_NextPage"] = "Nästa sida",
        ["MudPagination_PreviousPage"] = "Föregående sida",
        ["MudSelect_SelectAll"] = "Välj alla",
        ["MudTablePager_FirstPage"] = "Första sidan",
        ["MudTablePager_LastPage"] = "Sista sidan",
        ["MudTablePager_NextPage"] = "Nästa sida",
        ["MudTablePager_PreviousPage"] = "Föregående sida",
        ["MudTable_Loading"] = "Hämtar…",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);

    /// <summary>The keys this localizer knows (for the test that checks none is missing).</summary>
    public static IReadOnlyCollection<string> Keys => Texts.Keys;
}
