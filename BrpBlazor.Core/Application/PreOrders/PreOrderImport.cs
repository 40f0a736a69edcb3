using System.Data.Common;
using System.Text;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// Importera förbeställningar. <see cref="ParseAsync"/> reads and checks a file and returns a preview; nothing is saved.
/// <see cref="ConfirmAsync"/> stores the accepted lines in one transaction (all or nothing) with a prepared bulk insert,
/// records the import batch and one audit entry, and checks duplicates again inside the transaction, so importing the
/// same file twice stores nothing new. Callable from a console app (the benchmark) as well as from the page.
/// </summary>
public sealed class PreOrderImport(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, PrivateTempFolder spool)
{
    public static readonly Error AlreadyConfirmed = new("import.confirmed", "Filen är redan importerad.");
    public static readonly Error NothingToStore = new("import.nothing", "Det finns inga godkända rader att spara. Inget sparades.");
    public static readonly Error AllExist = new("import.allexist", "Alla rader finns redan som öppna förbeställningar. Inget sparades.");
    public static readonly Error StoreFailed = new("import.failed", "Importen kunde inte sparas på grund av ett databasfel. Inget sparades – försök igen.");

    /// <summary>The validity staff chose for a file, checked as every pre-order's is: forwards, and not over already.</summary>
    public static Result<DateRange> CheckValidity(DateOnly from, DateOnly to, DateOnly today) => PreOrderRules.CheckValidity(from, to, today);

    /// <summary>The content type of the rejected-lines workbook.</summary>
    public const string WorkbookContentType = RejectedWorkbook.ContentType;

    /// <summary>The message for a file over the limit, for pages that can see the size before reading (an upload).</summary>
    public static Error FileTooLarge(long maxBytes) => ImportFile.TooLarge(maxBytes);

    /// <summary>Test seam: called after each inserted row with the number inserted so far (to inject a failure mid-insert).</summary>
    internal Action<int>? AfterRowInserted { get; init; }

    /// <summary>Reads the whole file once (streamed) and checks every line against the rules and the open pre-orders.</summary>
    public async Task<Result<ImportPreview>> ParseAsync(
        StaffActor actor, Stream file, string fileName, ImportSettings settings, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        var today = clock.Today;
        var validity = PreOrderRules.CheckValidity(settings.Validity.Start, settings.Validity.End, today);
        if (!validity.IsSuccess)
        {
            return Result<ImportPreview>.Failure(validity.Errors);
        }

        PreOrderTarget target;
        PersonKeyIndex<int> existing;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var checkedTarget = await PreOrderRules.CheckTargetAsync(db, settings.OrganisationId, settings.ProductId, cancellationToken);
            if (!checkedTarget.IsSuccess)
            {
                return Result<ImportPreview>.Failure(checkedTarget.Errors);
            }

            target = checkedTarget.Value;
            existing = await PreOrderRules.OpenPreOrdersAsync(db, settings.OrganisationId, settings.ProductId, settings.Validity, cancellationToken);
        }

        var opened = await ImportFile.OpenAsync(file, settings.MaxFileBytes, spool, cancellationToken, settings.Encoding);
        if (!opened.IsSuccess)
        {
            return Result<ImportPreview>.Failure(opened.Errors);
        }

        await using var text = opened.Value;
        var parsed = await ImportFileParser.ParseAsync(text, settings, today, existing, cancellationToken);
        if (!parsed.IsSuccess)
        {
            return Result<ImportPreview>.Failure(parsed.Errors);
        }

        return new ImportPreview(Path.GetFileName(fileName), settings, target, text, parsed.Value, existing);
    }

    /// <summary>Stores every accepted line of the preview, or nothing.</summary>
    public async Task<Result<ImportOutcome>> ConfirmAsync(StaffActor actor, ImportPreview preview, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        if (preview.Outcome is not null)
        {
            return AlreadyConfirmed;
        }

        if (preview.OkCount == 0)
        {
            return NothingToStore;
        }

        var settings = preview.Settings;
        var validity = PreOrderRules.CheckValidity(settings.Validity.Start, settings.Validity.End, clock.Today);
        if (!validity.IsSuccess)
        {
            return Result<ImportOutcome>.Failure(validity.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var outcome = await StoreAsync(db, actor, preview, cancellationToken);
            if (outcome.IsSuccess)
            {
                preview.MarkConfirmed(outcome.Value);
            }

            return outcome;
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // The transaction was rolled back when it was disposed: nothing of this import is stored.
            return StoreFailed;
        }
    }

    /// <summary>
    /// The rejected lines (errors and duplicates) as CSV to fix and import again: the file's own header (or the
    /// schema's for a file without one), then each line as it was in the file, with the same separator, and a last
    /// column Orsak (the importer ignores it). UTF-8 with BOM.
    /// </summary>
    public static async Task WriteRejectedLinesAsync(ImportPreview preview, Stream destination, CancellationToken cancellationToken = default)
    {
        var separator = preview.Separator.ToString();
        await using var writer = new StreamWriter(destination, new UTF8Encoding(true), 65536, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(preview.HeaderText is { } header
            ? header + separator + PreOrderFileSchema.Reason.Heading
            : string.Join(separator, PreOrderFileSchema.RejectedHeader));
        foreach (var line in preview.ProblemLines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(line.RawText);
            await writer.WriteAsync(separator);
            await writer.WriteLineAsync(QuoteField(line.Reason ?? string.Empty, preview.Separator));
        }
    }

    /// <summary>
    /// The rejected lines as an Excel workbook (.xlsx) whose every cell is text, so Excel keeps a personnummer's
    /// leading zero and never turns it into a number or a date: the file's own headings (or the schema's), each
    /// line's cells as they were, and Orsak last (docs/decisions/115).
    /// </summary>
    public static async Task WriteRejectedWorkbookAsync(ImportPreview preview, Stream destination, CancellationToken cancellationToken = default)
    {
        var header = preview.HeaderCells ?? PreOrderFileSchema.DocumentedOrder.Select(c => c.Heading).ToList();
        var width = Math.Max(header.Count, preview.ProblemLines.Select(l => l.Cells?.Count ?? 0).DefaultIfEmpty(0).Max());
        await RejectedWorkbook.WriteAsync(destination, header, width, preview.ProblemLines, cancellationToken);
    }

    private async Task<Result<ImportOutcome>> StoreAsync(BrpDbContext db, StaffActor actor, ImportPreview preview, CancellationToken cancellationToken)
    {
        var settings = preview.Settings;
        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The target is checked under the write lock, so a price list or Använd förbeställningar changed since the
        // preview cannot slip in between the check and the insert (docs/decisions/064).
        var target = await PreOrderRules.CheckTargetAsync(db, settings.OrganisationId, settings.ProductId, cancellationToken);
        if (!target.IsSuccess)
        {
            return Result<ImportOutcome>.Failure(target.Errors);
        }

        // Again, inside the transaction: another import or Skapa may have stored some of these people since the preview.
        var existing = await PreOrderRules.OpenPreOrdersAsync(db, settings.OrganisationId, settings.ProductId, settings.Validity, cancellationToken);
        var toStore = preview.AcceptedLines
            .Where(l => !existing.TryFind(l.Personnummer, l.BirthDate, l.NameKey, out _))
            .ToList();
        if (toStore.Count == 0)
        {
            return AllExist;
        }

        var skipped = preview.OkCount - toStore.Count;
        var batch = ImportBatch.Create(
            settings.OrganisationId, settings.ProductId, settings.Validity, preview.FileName, actor.Id, actor.Name, now,
            preview.TotalLines, preview.OkCount, preview.ErrorCount, preview.DuplicateCount + skipped);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        var rows = toStore.Select(l => PreOrder.Create(
            new PreOrderDraft(settings.OrganisationId, settings.ProductId, settings.Validity, l.Name, l.Personnummer, l.BirthDate, l.Email),
            actor.Id, now, batch.Id));
        var stored = db.Database.IsNpgsql()
            ? await PreOrderCopyInsert.InsertAsync(db, rows, AfterRowInserted, cancellationToken)
            : PreOrderBulkInsert.Insert(db, rows, AfterRowInserted, cancellationToken);

        batch.SetStored(stored);
        db.AuditEntries.Add(Audit.Entry(
            actor, now, "preorder.import", nameof(ImportBatch), batch.Id,
            $"{stored} förbeställningar på {preview.ProductName} importerades från {batch.FileName}",
            null,
            new
            {
                batch.FileName,
                Product = preview.ProductName,
                Validity = settings.Validity.ToString(),
                preview.EncodingName,
                preview.TotalLines,
                preview.OkCount,
                preview.ErrorCount,
                preview.DuplicateCount,
                SkippedAsExisting = skipped,
                preview.AcceptedSuggestionCount,
                preview.IsWorkbook,
                Stored = stored,
            },
            organisationId: settings.OrganisationId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(batch.Id, stored, skipped);
    }

    private static string QuoteField(string value, char separator) =>
        value.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
