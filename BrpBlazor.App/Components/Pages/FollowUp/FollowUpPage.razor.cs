using BrpBlazor.App.Components.Dialogs.FollowUp;
using BrpBlazor.App.Components.Pages.PreOrders;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BrpBlazor.App.Components.Pages.FollowUp;

/// <summary>Uppföljning: an organisation's counts, redemptions per week, who has not come, bulk actions, status file, outbox.</summary>
public partial class FollowUpPage
{
    private const string ScopeTicked = "ticked";
    private const string ScopeOpen = "open";
    private const string ScopeExpired = "expired";

    private FollowUpSummary? summary;
    private string? error;
    private HashSet<NotYetCome> ticked = [];
    private string scope = ScopeTicked;
    private bool withPersonnummer;
    private bool downloading;

    [Parameter]
    public int OrganisationId { get; set; }

    [Inject]
    private FollowUpQueries Queries { get; set; } = default!;

    [Inject]
    private StatusFile StatusFiles { get; set; } = default!;

    [Inject]
    private PreOrderQueries PreOrders { get; set; } = default!;

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
    private SmtpSettings Smtp { get; set; } = default!;

    [Inject]
    private DemoModeInfo Demo { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var result = await Queries.SummaryAsync(await CurrentStaff.GetAsync(), OrganisationId);
        summary = result.IsSuccess ? result.Value : null;
        error = result.FirstError?.Message;
        var stillThere = summary?.NotYetCome.Select(n => n.PreOrderId).ToHashSet() ?? [];
        ticked = summary?.NotYetCome.Where(n => ticked.Any(t => t.PreOrderId == n.PreOrderId) && stillThere.Contains(n.PreOrderId)).ToHashSet() ?? [];
    }

    private void TickedChanged(HashSet<NotYetCome> items) => ticked = items;

    private void ScopeChanged(string value) => scope = value;

    private async Task InviteAsync()
    {
        var queued = await InvitationsDialog.ShowAsync(Dialogs, OrganisationId);
        if (queued > 0)
        {
            Snackbar.Add(queued == 1 ? "1 inbjudan ligger i utkorgen" : $"{queued} inbjudningar ligger i utkorgen", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task EditTextsAsync()
    {
        var actor = await CurrentStaff.GetAsync();
        var products = await PreOrders.ProductsAsync(actor, OrganisationId);
        var reference = await MailTextsDialog.ShowAsync(Dialogs, OrganisationId, summary!.OrganisationName, products.IsSuccess && products.Value.Count > 0 ? products.Value[0].Name : null);
        await reference.Result;
    }

    private async Task BulkAsync()
    {
        var (selection, label) = scope switch
        {
            ScopeOpen => (new BulkSelection(OrganisationId, Filter: new PreOrderFilter(OrganisationId) { Status = PreOrderDisplayStatus.Open }), "alla öppna"),
            ScopeExpired => (new BulkSelection(OrganisationId, Filter: new PreOrderFilter(OrganisationId) { Status = PreOrderDisplayStatus.Expired }), "alla utgångna"),
            _ => (new BulkSelection(OrganisationId, ticked.Select(t => t.PreOrderId).ToList()), $"{ticked.Count} markerade"),
        };
        var changed = await BulkActionDialog.ShowAsync(Dialogs, selection, label);
        if (changed > 0)
        {
            Snackbar.Add(changed == 1 ? "1 förbeställning ändrades" : $"{changed} förbeställningar ändrades", Severity.Success);
            ticked = [];
            await LoadAsync();
        }
    }

    private async Task DownloadAsync(StatusFileFormat format)
    {
        downloading = true;
        var actor = await CurrentStaff.GetAsync();
        var name = FileDownload.SafeName($"Status {summary!.OrganisationName}") + (format == StatusFileFormat.Csv ? ".csv" : ".xlsx");
        var contentType = format == StatusFileFormat.Csv ? PreOrderCsv.ContentType : StatusFile.XlsxContentType;
        var result = await FileDownload.SendAsync(JS, Spool, name, contentType, async stream => await StatusFiles.WriteAsync(actor, OrganisationId, format, withPersonnummer, stream));
        downloading = false;
        if (!result.IsSuccess)
        {
            Snackbar.Add(result.FirstError!.Message, Severity.Error);
        }
    }
}
