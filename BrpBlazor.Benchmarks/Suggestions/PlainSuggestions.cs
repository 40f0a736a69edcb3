using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Benchmarks.Suggestions;

/// <summary>
/// The baseline: the first version of the suggestions, as most EF Core code is written — a new context, two LINQ lookups,
/// then the organisations' and products' names in two more queries.
/// </summary>
public sealed class PlainSuggestions(DbContextOptions<BrpDbContext> options)
{
    public async Task<IReadOnlyList<PreOrderSuggestion>> ForAsync(RedeemIdentity identity, DateOnly today)
    {
        await using var db = new BrpDbContext(options);
        var nameKey = PersonName.MatchKey(identity.FullName);
        var open = db.PreOrders.AsNoTracking().Where(p => p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today);
        var byPersonnummer = identity.Personnummer is { } pnr ? await open.Where(p => p.Personnummer == pnr).ToListAsync() : [];
        var byBirthDate = await open.Where(p => p.BirthDate == identity.BirthDate && p.Personnummer == null && p.NameKey == nameKey).ToListAsync();
        var preOrders = byPersonnummer.Select(p => (PreOrder: p, Match: SuggestionMatch.Personnummer))
            .Concat(byBirthDate.Select(p => (PreOrder: p, Match: SuggestionMatch.BirthDateAndName)))
            .ToList();
        if (preOrders.Count == 0)
        {
            return [];
        }

        var organisationIds = preOrders.Select(p => p.PreOrder.OrganisationId).Distinct().ToList();
        var productIds = preOrders.Select(p => p.PreOrder.ProductId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return preOrders
            .Select(p => new PreOrderSuggestion(
                p.PreOrder.Id, p.PreOrder.OrganisationId, organisations[p.PreOrder.OrganisationId], p.PreOrder.ProductId, products[p.PreOrder.ProductId],
                p.PreOrder.Validity, p.Match, p.PreOrder.Version))
            .OrderBy(s => s.Match).ThenBy(s => s.OrganisationName).ThenBy(s => s.PreOrderId)
            .ToList();
    }
}
