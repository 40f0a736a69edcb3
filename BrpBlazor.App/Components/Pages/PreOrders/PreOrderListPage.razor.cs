using BrpBlazor.App.Components.Dialogs.PreOrders;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>Visa förbeställningar: the grid pages, sorts and filters on the server (PreOrderQueries).</summary>
public partial class PreOrderListPage
{
    private static readonly Dictionary<string, PreOrderSortColumn> SortColumns = new()
    {
        [nameof(PreOrderListItem.Name)] = PreOrderSortColumn.Name,
        [nameof(PreOrderListItem.PersonLabel)] = PreOrderSortColumn.Person,
        [nameof(PreOrderListItem.Email)] = PreOrderSortColumn.Email,
        [nameof(PreOrderListItem.ProductName)] = PreOrderSortColumn.Product,
        [nameof(PreOrderListItem.ValidFrom)] = PreOrderSortColumn.ValidFrom,
        [nameof(PreOrderListItem.ValidTo)] = PreOrderSortColumn.ValidTo,
        [nameof(PreOrderListItem.Status)] = PreOrderSortColumn.Status,
    };

    /// <summary>Narrower cell padding, so every column fits a 768 px tablet in portrait.</summary>
    private const string Cell = "padding-left: 8px; padding-right: 8px;";

    private MudDataGrid<PreOrderListItem>? grid;
    private PreOrderCounts? counts;
    private IReadOnlyList<PreOrderProduct> products = [];
    private string? organisationName;
    private string? error;
    private PreOrderDisplayStatus? status;
    private int? productId;
    private DateTime? validFrom;
    private DateTime? validTo;
    private string? text;
    private PreOrderSortColumn sort = PreOrderSortColumn.Created;
    private bool descending = true;
    private bool exporting;

    [Parameter]
    public int OrganisationId { get; set; }

    [Inject]
    private PreOrderQueries Queries { get; set; } = default!;

    [Inject]
    private OrganisationQueries Organisations { get; set; } = default!;

    [Inject]
    private CurrentStaff CurrentStaff { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private PrivateTempFolder Spool { get; set; } = default!;

    [Inject]
    private IBusinessClock Clock { get; set; } = default!;

    private PreOrderFilter Filter => new(OrganisationId)
    {
        Status = status,
        ProductId = productId,
        ValidFrom = validFrom is { } from ? DateOnly.FromDateTime(from) : null,
        ValidTo = validTo is { } to ? DateOnly.FromDateTime(to) : null,
        Text = text,
    };

    protected override async Task OnParametersSetAsync()
    {
        organisationName = (await Organisations.GetAsync(await CurrentStaff.GetAsync(), OrganisationId))?.Organisation.Name;
        if (organisationName is null)
        {
            error = "Organisationen finns inte.";
            return;
        }

        var actor = await CurrentStaff.GetAsync();
        var productsResult = await Queries.ProductsAsync(actor, OrganisationId);
        products = productsResult.IsSuccess ? productsResult.Value : [];
        await RefreshCountsAsync();
    }

    private async Task<GridData<PreOrderListItem>> LoadAsync(GridState<PreOrderListItem> state, CancellationToken cancellationToken)
    {
        if (state.SortDefinitions.FirstOrDefault() is { } definition && SortColumns.TryGetValue(definition.SortBy, out var column))
        {
            (sort, descending) = (column, definition.Descending);
        }
        else
        {
            (sort, descending) = (PreOrderSortColumn.Created, true);
        }

        var result = await Queries.ListAsync(await CurrentStaff.GetAsync(), new PreOrderListRequest(Filter, sort, descending, state.Page, state.PageSize), cancellationToken);
        if (!result.IsSuccess)
        {
            error = result.FirstError!.Message;
            return new GridData<PreOrderListItem> { Items = [], TotalItems = 0 };
        }

        return new GridData<PreOrderListItem> { Items = result.Value.Items, TotalItems = result.Value.TotalCount };
    }

    private async Task RefreshCountsAsync()
    {
        var result = await Queries.CountAsync(await CurrentStaff.GetAsync(), OrganisationId);
        counts = result.IsSuccess ? result.Value : null;
        error = result.FirstError?.Message;
    }

    /// <summary>After a filter changes: back to the first page (which loads), or reload the page staff are on.</summary>
    private async Task ReloadAsync(bool firstPage = true)
    {
        if (grid is null)
        {
            return;
        }

        if (firstPage && grid.CurrentPage > 0)
        {
            grid.NavigateTo(MudBlazor.Page.First);
        }
        else
        {
            await grid.ReloadServerData();
        }
    }

    private async Task SelectStatusAsync(PreOrderDisplayStatus? selected)
    {
        status = selected;
        await ReloadAsync();
    }

    private async Task SelectProductAsync(int? selected)
    {
        productId = selected;
        await ReloadAsync();
    }

    private async Task ValidFromChangedAsync(DateTime? date)
    {
        validFrom = date;
        await ReloadAsync();
    }

    private async Task ValidToChangedAsync(DateTime? date)
    {
        validTo = date;
        await ReloadAsync();
    }

    private async Task SearchAsync(string? value)
    {
        text = value;
        await ReloadAsync();
    }

    private async Task CreateAsync()
    {
        if (await CreatePreOrderDialog.ShowAsync(Dialogs, OrganisationId) > 0)
        {
            await RefreshCountsAsync();
            await ReloadAsync();
        }
    }

    private async Task RowClickedAsync(DataGridRowClickEventArgs<PreOrderListItem> args)
    {
        var reference = await Dialogs.ShowAsync<PreOrderDetailsDialog>(
            "Förbeställning",
            new DialogParameters<PreOrderDetailsDialog> { { d => d.OrganisationId, OrganisationId }, { d => d.PreOrderId, args.Item.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await reference.Result is { Canceled: false, Data: PreOrderDetails details })
        {
            await WithdrawAsync(details.Id, details.Version, details.Name, details.ProductName);
        }
    }

    private Task WithdrawAsync(PreOrderListItem item) => WithdrawAsync(item.Id, item.Version, item.Name, item.ProductName);

    private async Task WithdrawAsync(int id, int version, string name, string productName)
    {
        if (await WithdrawPreOrderDialog.ShowAsync(Dialogs, OrganisationId, id, version, name, productName))
        {
            Snackbar.Add($"Förbeställningen för {name} återkallades", Severity.Success);
            await RefreshCountsAsync();
            await ReloadAsync(firstPage: false);
        }
    }

    private async Task ExportAsync()
    {
        exporting = true;
        try
        {
            var fileName = FileDownload.SafeName($"förbeställningar {organisationName} {Clock.Today:yyyy-MM-dd}.csv");
            var request = new PreOrderListRequest(Filter, sort, descending);
            var actor = await CurrentStaff.GetAsync();
            var sent = await FileDownload.SendAsync(JS, Spool, fileName, PreOrderCsv.ContentType, async stream => await Queries.ExportAsync(actor, request, stream));
            if (!sent.IsSuccess)
            {
                Snackbar.Add(sent.FirstError!.Message, Severity.Error);
            }
        }
        finally
        {
            exporting = false;
        }
    }
}
