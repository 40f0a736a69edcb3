using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>The filters of Visa förbeställningar. Validity: pre-orders whose validity overlaps [ValidFrom, ValidTo].</summary>
public sealed record PreOrderFilter(int OrganisationId)
{
    public PreOrderDisplayStatus? Status { get; init; }

    public int? ProductId { get; init; }

    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    /// <summary>Words in the name or e-mail; or a personnummer in any accepted form, or a birth date, matched exactly.</summary>
    public string? Text { get; init; }
}

public enum PreOrderSortColumn
{
    Name,
    Person,
    Email,
    Product,
    ValidFrom,
    ValidTo,
    Status,
    Created,
}

public sealed record PreOrderListRequest(PreOrderFilter Filter, PreOrderSortColumn Sort = PreOrderSortColumn.Created, bool Descending = true, int Page = 0, int PageSize = 25);

/// <summary>One row of the grid: the personnummer masked (domain.md §8).</summary>
public sealed record PreOrderListItem(
    int Id,
    int Version,
    string Name,
    string? PersonnummerMasked,
    DateOnly BirthDate,
    string? Email,
    string ProductName,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    PreOrderDisplayStatus Status,
    PreOrderSource Source,
    DateTime CreatedUtc)
{
    /// <summary>The masked personnummer, or the birth date when the pre-order has only that.</summary>
    public string PersonLabel => PersonnummerMasked ?? BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record PreOrderListPage(IReadOnlyList<PreOrderListItem> Items, int TotalCount);

/// <summary>One pre-order in its own dialog, where staff see the whole personnummer.</summary>
public sealed record PreOrderDetails(
    int Id,
    int OrganisationId,
    int Version,
    string Name,
    string? PersonnummerFormatted,
    bool IsSamordningsnummer,
    DateOnly BirthDate,
    string? Email,
    string ProductName,
    DateRange Validity,
    PreOrderDisplayStatus Status,
    PreOrderSource Source,
    string? ImportFileName,
    string CreatedByName,
    DateTime CreatedUtc,
    string? WithdrawnReason,
    string? WithdrawnByName,
    DateTime? WithdrawnUtc,
    DateTime? RedeemedUtc)
{
    /// <summary>Who redeemed it (the staff member who created the subscription), when redeemed.</summary>
    public string? RedeemedByName { get; init; }

    /// <summary>The subscription it became, and whose it is (the person page shows it).</summary>
    public int? RedeemedSubscriptionId { get; init; }

    public int? RedeemedPersonId { get; init; }

    public bool CanWithdraw => Status is PreOrderDisplayStatus.Open or PreOrderDisplayStatus.Expired;
}

/// <summary>One line of an organisation's import history.</summary>
public sealed record ImportBatchSummary(
    int Id, string FileName, string CreatedByName, DateTime CreatedUtc, string ProductName, DateRange Validity,
    int TotalLines, int OkLines, int ErrorLines, int DuplicateLines, int StoredLines);

/// <summary>Visa förbeställningar: the list (server-side paging, sorting, filtering), counts, one pre-order, history, export.</summary>
public sealed class PreOrderQueries(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const int MaxPageSize = 200;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public async Task<Result<PreOrderListPage>> ListAsync(StaffActor actor, PreOrderListRequest request, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var rows = Filtered(db, request.Filter, today);
        var total = await rows.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = await Sorted(rows, request.Sort, request.Descending, today)
            .Skip(Math.Max(0, request.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PreOrderListPage(page.Select(r => ToItem(r, today)).ToList(), total);
    }

    /// <summary>Pre-orders per status (öppen, utnyttjad, återkallad, utgången) for the whole organisation.</summary>
    public async Task<Result<PreOrderCounts>> CountAsync(StaffActor actor, int organisationId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OrganisationQueries.CountPreOrdersAsync(db, organisationId, clock.Today, cancellationToken);
    }

    /// <summary>The products a pre-order of this organisation may be for (filter, Skapa, Importera).</summary>
    public async Task<Result<IReadOnlyList<PreOrderProduct>>> ProductsAsync(StaffActor actor, int organisationId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Result.Success(await PreOrderRules.ProductsAsync(db, organisationId, cancellationToken));
    }

    public async Task<Result<PreOrderDetails>> GetAsync(StaffActor actor, int organisationId, int preOrderId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var p = await db.PreOrders.AsNoTracking().FirstOrDefaultAsync(x => x.Id == preOrderId && x.OrganisationId == organisationId, cancellationToken);
        if (p is null)
        {
            return PreOrderCommands.NotFound;
        }

        var productName = await db.Products.Where(x => x.Id == p.ProductId).Select(x => x.Name).FirstAsync(cancellationToken);
        var fileName = p.ImportBatchId is { } batchId
            ? await db.ImportBatches.Where(b => b.Id == batchId).Select(b => b.FileName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var redeemedBy = p.RedeemedSubscriptionId is { } subscriptionId
            ? await db.Subscriptions.Where(s => s.Id == subscriptionId).Select(s => new { s.PersonId, s.CreatedBy }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var staffIds = new[] { p.CreatedBy, p.WithdrawnBy, redeemedBy?.CreatedBy }.OfType<string>().ToList();
        var names = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string NameOf(string id) => names.TryGetValue(id, out var name) ? name : id;
        return new PreOrderDetails(
            p.Id, p.OrganisationId, p.Version, p.Name, p.Personnummer?.Formatted, p.Personnummer?.IsSamordningsnummer ?? false, p.BirthDate,
            p.Email, productName, p.Validity, p.DisplayStatus(clock.Today), p.Source, fileName, NameOf(p.CreatedBy), p.CreatedUtc,
            p.WithdrawnReason, p.WithdrawnBy is null ? null : NameOf(p.WithdrawnBy), p.WithdrawnUtc, p.RedeemedUtc)
        {
            RedeemedByName = redeemedBy is null ? null : NameOf(redeemedBy.CreatedBy),
            RedeemedSubscriptionId = redeemedBy is null ? null : p.RedeemedSubscriptionId,
            RedeemedPersonId = redeemedBy?.PersonId,
        };
    }

    /// <summary>The organisation's import history, newest first.</summary>
    public async Task<Result<IReadOnlyList<ImportBatchSummary>>> ImportHistoryAsync(
        StaffActor actor, int organisationId, int max = 50, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from b in db.ImportBatches.AsNoTracking()
                          where b.OrganisationId == organisationId
                          join product in db.Products on b.ProductId equals product.Id
                          orderby b.CreatedUtc descending, b.Id descending
                          select new { Batch = b, ProductName = product.Name })
            .Take(max)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ImportBatchSummary(
            r.Batch.Id, r.Batch.FileName, r.Batch.CreatedByName, r.Batch.CreatedUtc, r.ProductName, r.Batch.Validity,
            r.Batch.TotalLines, r.Batch.OkLines, r.Batch.ErrorLines, r.Batch.DuplicateLines, r.Batch.StoredLines)).ToList();
    }

    /// <summary>
    /// Writes the filtered list (sorted like the grid, every page) to <paramref name="destination"/> as CSV for Swedish Excel,
    /// with whole personnummer. Exports are audited: the entry is written before the first row, so no export goes unrecorded.
    /// </summary>
    public async Task<Result<int>> ExportAsync(StaffActor actor, PreOrderListRequest request, Stream destination, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var rows = Filtered(db, request.Filter, today);
        var count = await rows.CountAsync(cancellationToken);
        var organisationName = await db.Organisations.Where(o => o.Id == request.Filter.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "preorder.export", "Organisation", request.Filter.OrganisationId,
            $"{count} förbeställningar för {organisationName} exporterades till CSV", null, DescribeFilter(request.Filter, today),
            organisationId: request.Filter.OrganisationId));
        await db.SaveChangesAsync(cancellationToken);

        var records = Sorted(rows, request.Sort, request.Descending, today).AsAsyncEnumerable();
        await PreOrderCsv.WriteExportAsync(destination, ExportRecords(records, today, cancellationToken), cancellationToken);
        return count;
    }

    private static async IAsyncEnumerable<string?[]> ExportRecords(
        IAsyncEnumerable<Row> rows, DateOnly today, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var p = r.PreOrder;
            yield return
            [
                .. PreOrderFileSchema.ExportFields(p),
                r.ProductName,
                Date(p.ValidFrom),
                Date(p.ValidTo),
                StatusLabel(p.DisplayStatus(today)),
                p.Source == PreOrderSource.Import ? "import" : "manuell",
                StockholmTime(p.CreatedUtc),
                p.WithdrawnReason,
            ];
        }
    }

    /// <summary>An instant as the screen shows it: Stockholm time, to the minute.</summary>
    private static string StockholmTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), StockholmClock.Stockholm)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    internal static string StatusLabel(PreOrderDisplayStatus status) => status switch
    {
        PreOrderDisplayStatus.Open => "öppen",
        PreOrderDisplayStatus.Redeemed => "utnyttjad",
        PreOrderDisplayStatus.Withdrawn => "återkallad",
        _ => "utgången",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The filter as the audit log keeps it; a personnummer searched for is masked there too.</summary>
    private static object DescribeFilter(PreOrderFilter filter, DateOnly today)
    {
        var text = filter.Text?.Trim();
        if (Personnummer.TryParse(text, today, out var personnummer))
        {
            text = personnummer.Masked;
        }

        return new
        {
            Status = filter.Status is { } s ? StatusLabel(s) : null,
            filter.ProductId,
            ValidFrom = filter.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = filter.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Text = string.IsNullOrEmpty(text) ? null : text,
        };
    }

    internal static IQueryable<Row> Filtered(BrpDbContext db, PreOrderFilter filter, DateOnly today)
    {
        var preOrders = db.PreOrders.AsNoTracking().Where(p => p.OrganisationId == filter.OrganisationId);
        preOrders = filter.Status switch
        {
            PreOrderDisplayStatus.Open => preOrders.Where(p => p.Status == PreOrderStatus.Open && p.ValidTo >= today),
            PreOrderDisplayStatus.Expired => preOrders.Where(p => p.Status == PreOrderStatus.Open && p.ValidTo < today),
            PreOrderDisplayStatus.Redeemed => preOrders.Where(p => p.Status == PreOrderStatus.Redeemed),
            PreOrderDisplayStatus.Withdrawn => preOrders.Where(p => p.Status == PreOrderStatus.Withdrawn),
            _ => preOrders,
        };
        if (filter.ProductId is { } productId)
        {
            preOrders = preOrders.Where(p => p.ProductId == productId);
        }

        if (filter.ValidFrom is { } from)
        {
            preOrders = preOrders.Where(p => p.ValidTo >= from);
        }

        if (filter.ValidTo is { } to)
        {
            preOrders = preOrders.Where(p => p.ValidFrom <= to);
        }

        preOrders = WithText(preOrders, filter.Text, today);
        return from p in preOrders
               join product in db.Products on p.ProductId equals product.Id
               select new Row { PreOrder = p, ProductName = product.Name };
    }

    private static IQueryable<PreOrder> WithText(IQueryable<PreOrder> preOrders, string? text, DateOnly today)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            return preOrders;
        }

        if (Personnummer.TryParse(t, today, out var personnummer))
        {
            Personnummer? wanted = personnummer;
            return preOrders.Where(p => p.Personnummer == wanted);
        }

        if (BirthDates.LooksLikeBirthDate(t) && BirthDates.TryParse(t, today, out var birthDate, out _))
        {
            return preOrders.Where(p => p.BirthDate == birthDate);
        }

        // NameKey is the name lower-cased with Swedish rules (SQLite's lower() knows only ASCII, so å ä ö are matched here).
        // E-mail addresses are ASCII: lower() on both sides ignores their case on PostgreSQL too, whose LIKE heeds it.
        foreach (var word in t.ToLower(Swedish).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            // ToLower() here is SQL's lower(), run by the database, not .NET's culture-dependent one.
#pragma warning disable CA1304, CA1311
            preOrders = preOrders.Where(p => p.NameKey.Contains(word) || (p.Email != null && EF.Functions.Like(p.Email.ToLower(), pattern, "\\")));
#pragma warning restore CA1304, CA1311
        }

        return preOrders;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static IQueryable<Row> Sorted(IQueryable<Row> rows, PreOrderSortColumn sort, bool descending, DateOnly today)
    {
        IOrderedQueryable<Row> ordered = sort switch
        {
            PreOrderSortColumn.Name => Order(rows, r => EF.Functions.Collate(r.PreOrder.Name, SwedishCollation.Name), descending),
            PreOrderSortColumn.Person => Order(rows, r => r.PreOrder.BirthDate, descending),
            PreOrderSortColumn.Email => Order(rows, r => r.PreOrder.Email, descending),
            PreOrderSortColumn.Product => Order(rows, r => EF.Functions.Collate(r.ProductName, SwedishCollation.Name), descending),
            PreOrderSortColumn.ValidFrom => Order(rows, r => r.PreOrder.ValidFrom, descending),
            PreOrderSortColumn.ValidTo => Order(rows, r => r.PreOrder.ValidTo, descending),
            PreOrderSortColumn.Status => Order(
                rows,
                r => r.PreOrder.Status == PreOrderStatus.Open ? (r.PreOrder.ValidTo < today ? 3 : 0) : r.PreOrder.Status == PreOrderStatus.Redeemed ? 1 : 2,
                descending),
            _ => Order(rows, r => r.PreOrder.CreatedUtc, descending),
        };
        return ordered.ThenBy(r => EF.Functions.Collate(r.PreOrder.Name, SwedishCollation.Name)).ThenBy(r => r.PreOrder.Id);
    }

    private static IOrderedQueryable<Row> Order<TKey>(IQueryable<Row> rows, System.Linq.Expressions.Expression<Func<Row, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static PreOrderListItem ToItem(Row r, DateOnly today)
    {
        var p = r.PreOrder;
        return new PreOrderListItem(
            p.Id, p.Version, p.Name, p.Personnummer?.Masked, p.BirthDate, p.Email, r.ProductName, p.ValidFrom, p.ValidTo,
            p.DisplayStatus(today), p.Source, p.CreatedUtc);
    }

    internal sealed class Row
    {
        public required PreOrder PreOrder { get; init; }

        public required string ProductName { get; init; }
    }
}
