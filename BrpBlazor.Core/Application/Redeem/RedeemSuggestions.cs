using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Redeem;

/// <summary>Why a pre-order was suggested for a person.</summary>
public enum SuggestionMatch
{
    /// <summary>The pre-order names the person's personnummer.</summary>
    Personnummer,

    /// <summary>The pre-order has only a birth date; it and the name agree with the person (probable).</summary>
    BirthDateAndName,
}

/// <summary>An organisation holding an open, currently valid pre-order for the person (wizard step Sök organisation).</summary>
public sealed record PreOrderSuggestion(
    int PreOrderId,
    int OrganisationId,
    string OrganisationName,
    int ProductId,
    string ProductName,
    DateRange Validity,
    SuggestionMatch Match,
    int PreOrderVersion);

/// <summary>Who the suggestions are for: a person in the register, or one being registered (issue 10).</summary>
public sealed record RedeemIdentity(Personnummer? Personnummer, DateOnly BirthDate, string FullName)
{
    public static RedeemIdentity Of(Person person) => new(person.Personnummer, person.BirthDate, person.FullName);
}

/// <summary>
/// Suggests organisations from their pre-orders: matched on personnummer through its index; a pre-order with only
/// a birth date matches when birth date and name agree. Redeemed, withdrawn and expired pre-orders are not suggested.
/// </summary>
public sealed class RedeemSuggestions(IDbContextFactory<BrpDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PreOrderSuggestion>> ForAsync(RedeemIdentity identity, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, identity, today, cancellationToken);
    }

    internal static async Task<IReadOnlyList<PreOrderSuggestion>> FindAsync(BrpDbContext db, RedeemIdentity identity, DateOnly today, CancellationToken cancellationToken)
    {
        var nameKey = PersonName.MatchKey(identity.FullName);
        var open = db.PreOrders.AsNoTracking()
            .Where(p => p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today);

        var byPersonnummer = identity.Personnummer is { } pnr
            ? await open.Where(p => p.Personnummer == pnr).ToListAsync(cancellationToken)
            : [];
        var byBirthDate = await open
            .Where(p => p.BirthDate == identity.BirthDate && p.Personnummer == null && p.NameKey == nameKey)
            .ToListAsync(cancellationToken);

        var preOrders = byPersonnummer.Select(p => (PreOrder: p, Match: SuggestionMatch.Personnummer))
            .Concat(byBirthDate.Select(p => (PreOrder: p, Match: SuggestionMatch.BirthDateAndName)))
            .ToList();
        if (preOrders.Count == 0)
        {
            return [];
        }

        var organisationIds = preOrders.Select(p => p.PreOrder.OrganisationId).Distinct().ToList();
        var productIds = preOrders.Select(p => p.PreOrder.ProductId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        return preOrders
            .Select(p => new PreOrderSuggestion(
                p.PreOrder.Id, p.PreOrder.OrganisationId, organisations[p.PreOrder.OrganisationId], p.PreOrder.ProductId, products[p.PreOrder.ProductId],
                p.PreOrder.Validity, p.Match, p.PreOrder.Version))
            .OrderBy(s => s.Match).ThenBy(s => s.OrganisationName).ThenBy(s => s.PreOrderId)
            .ToList();
    }
}
