using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>
/// Importera förbeställningar: choose product and validity, choose a file, read the preview, confirm. The rules and
/// the file handling live in <see cref="PreOrderImport"/>; this page keeps the chosen file and the preview.
/// </summary>
public partial class PreOrderImportPage
{
    /// <summary>What the file picker offers: workbooks and CSV, by extension and type (a tablet's picker goes by type).</summary>
    private const string AcceptedFiles =
        ".xlsx,.xls,.csv,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel";

    private IReadOnlyList<PreOrderProduct>? products;
    private IReadOnlyList<ImportBatchSummary> history = [];
    private string? organisationName;
    private bool notFound;
    private int? productId;
    private DateTime? validFrom;
    private DateTime? validTo;
    private IBrowserFile? file;
    private readonly ImportPreviewSession session = new();
    private string? message;
    private bool messageIsError;
    private bool busy;

    /// <summary>Choices for the chosen file: its sheet, its encoding, its columns; a new file starts afresh.</summary>
    private int sheetIndex;
    private ImportTextEncoding encoding;
    private IReadOnlyList<PreOrderFileField>? columns;

    [Parameter]
    public int OrganisationId { get; set; }

    [Inject]
    private PreOrderImport Import { get; set; } = default!;

    [Inject]
    private PreOrderQueries Queries { get; set; } = default!;

    [Inject]
    private OrganisationQueries Organisations { get; set; } = default!;

    [Inject]
    private CurrentStaff CurrentStaff { get; set; } = default!;

    [Inject]
    private ImportParseLimiter Limiter { get; set; } = default!;

    [Inject]
    private IBusinessClock Clock { get; set; } = default!;

    [Inject]
    private IOptions<BrpSettings> Settings { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private PrivateTempFolder Spool { get; set; } = default!;

    [Inject]
    private BrpMetrics Metrics { get; set; } = default!;

    private ImportPreview? ShownPreview => session.Preview;

    private int MaxMegabytes => Settings.Value.MaxImportFileMegabytes;

    private long MaxBytes => ImportSettings.Megabytes(MaxMegabytes);

    protected override async Task OnParametersSetAsync()
    {
        organisationName = (await Organisations.GetAsync(await CurrentStaff.GetAsync(), OrganisationId))?.Organisation.Name;
        notFound = organisationName is null;
        if (notFound)
        {
            return;
        }

        var actor = await CurrentStaff.GetAsync();
        var result = await Queries.ProductsAsync(actor, OrganisationId);
        products = result.IsSuccess ? result.Value : [];
        productId = products.Count == 1 ? products[0].Id : null;
        var validity = PreOrderCommands.DefaultValidity(Clock.Today);
        validFrom = validity.Start.ToDateTime(TimeOnly.MinValue);
        validTo = validity.End.ToDateTime(TimeOnly.MinValue);
        await LoadHistoryAsync();
    }

    private async Task LoadHistoryAsync()
    {
        var result = await Queries.ImportHistoryAsync(await CurrentStaff.GetAsync(), OrganisationId);
        history = result.IsSuccess ? result.Value : [];
    }

    private async Task ProductChangedAsync(int? value)
    {
        productId = value;
        await ReparseAsync();
    }

    private async Task ValidFromChangedAsync(DateTime? value)
    {
        validFrom = value;
        await ReparseAsync();
    }

    private async Task ValidToChangedAsync(DateTime? value)
    {
        validTo = value;
        await ReparseAsync();
    }

    private async Task FileChosenAsync(IBrowserFile? chosen)
    {
        file = chosen;
        sheetIndex = 0;
        encoding = ImportTextEncoding.Automatic;
        columns = null;
        await ReparseAsync();
    }

    private async Task SheetChangedAsync(int value)
    {
        // Another sheet has its own headings.
        sheetIndex = value;
        columns = null;
        await ReparseAsync();
    }

    private async Task EncodingChangedAsync(ImportTextEncoding value)
    {
        encoding = value;
        await ReparseAsync();
    }

    private async Task ColumnsChosenAsync(IReadOnlyList<PreOrderFileField> value)
    {
        columns = value;
        await ReparseAsync();
    }

    /// <summary>Duplicates depend on product and validity, so changing either reads the chosen file again.</summary>
    private async Task ReparseAsync()
    {
        var read = session.BeginRead();
        message = null;
        if (file is null || productId is null)
        {
            return;
        }

        if (validFrom is null || validTo is null)
        {
            ShowError("Ange giltighetstid.");
            return;
        }

        if (file.Size > MaxBytes)
        {
            ShowError(PreOrderImport.FileTooLarge(MaxBytes).Message);
            return;
        }

        var validity = PreOrderImport.CheckValidity(DateOnly.FromDateTime(validFrom.Value), DateOnly.FromDateTime(validTo.Value), Clock.Today);
        if (!validity.IsSuccess)
        {
            ShowError(validity.FirstError!.Message);
            return;
        }

        using var slot = Limiter.TryEnter();
        if (slot is null)
        {
            ShowError(ImportParseLimiter.Busy.Message);
            return;
        }

        busy = true;
        try
        {
            var settings = new ImportSettings(OrganisationId, productId.Value, validity.Value)
            {
                MaxFileBytes = MaxBytes, SheetIndex = sheetIndex, Encoding = encoding, Columns = columns,
            };
            await using var stream = file.OpenReadStream(MaxBytes);
            var result = await Import.ParseAsync(await CurrentStaff.GetAsync(), stream, file.Name, settings);
            if (!session.IsLatest(read))
            {
                return;
            }

            if (result.IsSuccess)
            {
                session.Complete(read, result.Value);
            }
            else
            {
                ShowError(string.Join(" ", result.Errors.Select(e => e.Message)));
            }
        }
        catch (IOException)
        {
            ShowError("Filen kunde inte läsas. Välj den igen.");
        }
        finally
        {
            // A newer read started meanwhile is still running: the page stays busy until that one ends.
            if (session.IsLatest(read))
            {
                busy = false;
            }
        }
    }

    /// <summary>The validity the page shows now, if it is complete.</summary>
    private DateRange? ShownValidity =>
        validFrom is { } from && validTo is { } to && DateRange.TryCreate(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to), out var range) ? range : null;

    private async Task ConfirmAsync()
    {
        if (ShownPreview is null)
        {
            return;
        }

        var confirmed = session.ForConfirm(OrganisationId, productId, ShownValidity);
        if (confirmed is null)
        {
            // Read for other choices than those shown: read the file again for these, and let staff look before confirming.
            await ReparseAsync();
            ShowError("Produkt eller giltighetstid ändrades medan filen lästes. Filen är inläst igen – kontrollera förhandsvisningen och importera igen.");
            return;
        }

        busy = true;
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await Import.ConfirmAsync(await CurrentStaff.GetAsync(), confirmed);
            var refused = confirmed.ErrorCount + confirmed.DuplicateCount;
            if (!result.IsSuccess)
            {
                Metrics.Import("refused", 0, refused, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                ShowError(result.FirstError!.Message);
                return;
            }

            var outcome = result.Value;
            Metrics.Import("stored", outcome.Stored, refused, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            var skipped = outcome.SkippedAsExisting > 0 ? $" {outcome.SkippedAsExisting} rader fanns redan och hoppades över." : string.Empty;
            message = $"{outcome.Stored} förbeställningar sparades från {confirmed.FileName}.{skipped}";
            messageIsError = false;
            session.Clear();
            file = null;
            await LoadHistoryAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private void Cancel()
    {
        session.Clear();
        file = null;
        message = null;
    }

    private async Task DownloadRejectedAsync()
    {
        if (ShownPreview is null)
        {
            return;
        }

        var current = ShownPreview;
        var name = FileDownload.SafeName($"{Path.GetFileNameWithoutExtension(current.FileName)} - rader att rätta.csv");
        await FileDownload.SendAsync(JS, Spool, name, PreOrderCsv.ContentType, async stream =>
        {
            await PreOrderImport.WriteRejectedLinesAsync(current, stream);
            return Result.Success();
        });
    }

    private async Task DownloadRejectedWorkbookAsync()
    {
        if (ShownPreview is null)
        {
            return;
        }

        var current = ShownPreview;
        var name = FileDownload.SafeName($"{Path.GetFileNameWithoutExtension(current.FileName)} - rader att rätta.xlsx");
        await FileDownload.SendAsync(JS, Spool, name, PreOrderImport.WorkbookContentType, async stream =>
        {
            await PreOrderImport.WriteRejectedWorkbookAsync(current, stream);
            return Result.Success();
        });
    }

    private void ShowError(string text)
    {
        message = text;
        messageIsError = true;
    }
}
