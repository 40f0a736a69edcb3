using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>A product an organisation's people can have pre-ordered: on its price list, a main membership allowed for pre-orders.</summary>
public sealed record PreOrderProduct(int Id, string Name);

/// <summary>The organisation and product a new pre-order (or a whole import) is for, checked.</summary>
internal sealed record PreOrderTarget(int OrganisationId, string OrganisationName, int ProductId, string ProductName);

/// <summary>The checks that creating one pre-order and importing a file share.</summary>
internal static class PreOrderRules
{
    public static readonly Error ValidityOrder = new("preorder.validity.order", "Giltig t.o.m. kan inte vara före giltig från");
    public static readonly Error ValidityPassed = new("preorder.validity.passed", "Giltighetstiden har redan passerat");
    public static readonly Error OrganisationMissing = new("preorder.organisation", "Organisationen finns inte");
    public static readonly Error NoPreOrders = new("preorder.organisation.nopreorders", "Organisationen använder inte förbeställningar (ändra det under Ändra organisation)");
    public static readonly Error ProductNotAllowed = new(
        "preorder.product", "Produkten kan inte förbeställas för organisationen: den ska finnas på prislistan och vara tillåten som förbeställningsprodukt");

    public static readonly Error ExistsForPerson = new("preorder.duplicate", "Finns redan som öppen förbeställning");

    /// <summary>The validity must run forwards and not be over already (an open pre-order that can never be redeemed helps nobody).</summary>
    public static Result<DateRange> CheckValidity(DateOnly from, DateOnly to, DateOnly today)
    {
        if (!DateRange.TryCreate(from, to, out var validity))
        {
            return ValidityOrder;
        }

        return to < today ? ValidityPassed : validity;
    }

    public static async Task<IReadOnlyList<PreOrderProduct>> ProductsAsync(BrpDbContext db, int organisationId, CancellationToken cancellationToken)
    {
        var productIds = db.Set<PriceListEntry>().Where(e => e.OrganisationId == organisationId).Select(e => e.ProductId);
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToListAsync(cancellationToken);
        return products.Where(p => p.CanBePreOrdered).OrderBy(p => p.Name).Select(p => new PreOrderProduct(p.Id, p.Name)).ToList();
    }

    public static async Task<Result<PreOrderTarget>> CheckTargetAsync(BrpDbContext db, int organisationId, int productId, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new { o.Name, o.UsesPreOrders })
            .FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return OrganisationMissing;
        }

        if (!organisation.UsesPreOrders)
        {
            return NoPreOrders;
        }

        var product = (await ProductsAsync(db, organisationId, cancellationToken)).FirstOrDefault(p => p.Id == productId);
        return product is null
            ? ProductNotAllowed
            : new PreOrderTarget(organisationId, organisation.Name, product.Id, product.Name);
    }

    /// <summary>
    /// The people who already hold an open pre-order of this organisation and product whose validity overlaps
    /// <paramref name="validity"/>: a new one for them would be a duplicate (domain.md §4).
    /// </summary>
    public static async Task<PersonKeyIndex<int>> OpenPreOrdersAsync(
        BrpDbContext db, int organisationId, int productId, DateRange validity, CancellationToken cancellationToken)
    {
        var index = new PersonKeyIndex<int>();
        var rows = db.PreOrders.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId && p.ProductId == productId && p.Status == PreOrderStatus.Open
                && p.ValidFrom <= validity.End && p.ValidTo >= validity.Start)
            .Select(p => new { p.Id, p.Personnummer, p.BirthDate, p.NameKey })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            index.Add(row.Personnummer, row.BirthDate, row.NameKey, row.Id);
        }

        return index;
    }
}
