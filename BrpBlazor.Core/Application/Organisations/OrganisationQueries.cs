using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Organisations;

public sealed record OrganisationSearchHit(int Id, string Name, string Organisationsnummer, bool UsesPreOrders);

public sealed record PriceListLine(int ProductId, string ProductName, Money MonthlyPrice, Money ListPrice, bool CanBePreOrdered, bool IsAddOn, bool IsRetired);

/// <summary>Pre-orders per status; expired is an open pre-order past its validity.</summary>
public sealed record PreOrderCounts(int Open, int Redeemed, int Withdrawn, int Expired)
{
    public int Total => Open + Redeemed + Withdrawn + Expired;
}

/// <param name="PreOrders">Null for staff without the right Organisation: pre-orders are theirs to see (domain.md §4).</param>
public sealed record OrganisationOverview(Organisation Organisation, string? CustomerManagerName, IReadOnlyList<PriceListLine> PriceList, PreOrderCounts? PreOrders);

public sealed class OrganisationQueries(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const int MaxHits = 50;

    /// <summary>By name (case-insensitive, å ä ö included) or organisationsnummer in any accepted form.</summary>
    public async Task<IReadOnlyList<OrganisationSearchHit>> SearchAsync(string? query, CancellationToken cancellationToken = default)
    {
        var q = (query ?? string.Empty).Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<Organisation> organisations = db.Organisations.AsNoTracking();
        if (Organisationsnummer.TryParse(q, out var number))
        {
            organisations = organisations.Where(o => o.Organisationsnummer == number);
        }
        else if (q.Length > 0)
        {
            foreach (var word in q.ToLower(CultureInfo.GetCultureInfo("sv-SE")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                organisations = organisations.Where(o => o.SearchText.Contains(word));
            }
        }

        var rows = await organisations.OrderBy(o => EF.Functions.Collate(o.Name, SwedishCollation.Name)).Take(MaxHits).ToListAsync(cancellationToken);
        return rows.Select(o => new OrganisationSearchHit(o.Id, o.Name, o.Organisationsnummer.Formatted, o.UsesPreOrders)).ToList();
    }

    /// <summary>Any signed-in staff member (the redeem wizard searches organisations); the pre-order counts only with the right Organisation.</summary>
    public async Task<OrganisationOverview?> GetAsync(StaffActor actor, int organisationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.PriceList)
            .FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var productIds = organisation.PriceList.Select(e => e.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var priceList = organisation.PriceList
            .Where(e => products.ContainsKey(e.ProductId))
            .Select(e => (Entry: e, Product: products[e.ProductId]))
            .Select(x => new PriceListLine(
                x.Product.Id, x.Product.Name, x.Entry.MonthlyPrice, x.Product.MonthlyPrice, x.Product.CanBePreOrdered, x.Product.IsAddOn, x.Product.IsRetired))
            .OrderBy(l => l.IsAddOn).ThenBy(l => l.ProductName)
            .ToList();

        string? managerName = null;
        if (organisation.CustomerManagerId is { } managerId)
        {
            managerName = await db.Users.Where(u => u.Id == managerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        var counts = actor.Has(Right.Organisation) ? await CountPreOrdersAsync(db, organisationId, clock.Today, cancellationToken) : null;
        return new OrganisationOverview(organisation, managerName, priceList, counts);
    }

    public static async Task<PreOrderCounts> CountPreOrdersAsync(BrpDbContext db, int organisationId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.PreOrders.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId)
            .GroupBy(p => new { p.Status, Expired = p.Status == PreOrderStatus.Open && p.ValidTo < today })
            .Select(g => new { g.Key.Status, g.Key.Expired, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new PreOrderCounts(
            rows.Where(r => r.Status == PreOrderStatus.Open && !r.Expired).Sum(r => r.Count),
            rows.Where(r => r.Status == PreOrderStatus.Redeemed).Sum(r => r.Count),
            rows.Where(r => r.Status == PreOrderStatus.Withdrawn).Sum(r => r.Count),
            rows.Where(r => r.Expired).Sum(r => r.Count));
    }
}
