using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
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
/// <remarks>
/// The wizard asks on every person it opens, so this is one compiled query (docs/decisions/052): both ways of matching
/// as a UNION ALL whose halves each use their own index, with the organisation's and product's names joined in. EF Core
/// then neither rebuilds the query's cache key on every call nor sends the name lookups as separate commands.
/// </remarks>
public sealed class RedeemSuggestions(IDbContextFactory<BrpDbContext> dbFactory)
{
    /// <summary>A person with a personnummer: pre-orders on that number, and those with only their birth date and name.</summary>
    private static readonly CompiledPerModel<Func<BrpDbContext, Personnummer, DateOnly, string, DateOnly, IAsyncEnumerable<SuggestionRow>>> ByPersonnummerOrBirthDate = new(() =>
        EF.CompileAsyncQuery((BrpDbContext db, Personnummer personnummer, DateOnly birthDate, string nameKey, DateOnly today) =>
            db.PreOrders
                .Where(p => p.Personnummer == personnummer && p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today)
                .Concat(db.PreOrders.Where(p => p.BirthDate == birthDate && p.Personnummer == null && p.NameKey == nameKey
                    && p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today))
                .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { PreOrder = p, OrganisationName = o.Name })
                .Join(db.Products, x => x.PreOrder.ProductId, product => product.Id, (x, product) => new SuggestionRow(
                    x.PreOrder.Id, x.PreOrder.OrganisationId, x.OrganisationName, x.PreOrder.ProductId, product.Name,
                    x.PreOrder.ValidFrom, x.PreOrder.ValidTo, x.PreOrder.Personnummer == null, x.PreOrder.Version))));

    /// <summary>A person without a Swedish personnummer: only pre-orders with their birth date and name.</summary>
    private static readonly CompiledPerModel<Func<BrpDbContext, DateOnly, string, DateOnly, IAsyncEnumerable<SuggestionRow>>> ByBirthDate = new(() =>
        EF.CompileAsyncQuery((BrpDbContext db, DateOnly birthDate, string nameKey, DateOnly today) =>
            db.PreOrders
                .Where(p => p.BirthDate == birthDate && p.Personnummer == null && p.NameKey == nameKey
                    && p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today)
                .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { PreOrder = p, OrganisationName = o.Name })
                .Join(db.Products, x => x.PreOrder.ProductId, product => product.Id, (x, product) => new SuggestionRow(
                    x.PreOrder.Id, x.PreOrder.OrganisationId, x.OrganisationName, x.PreOrder.ProductId, product.Name,
                    x.PreOrder.ValidFrom, x.PreOrder.ValidTo, true, x.PreOrder.Version))));

    /// <summary>Reception only: a suggestion tells which organisation has pre-ordered for the person.</summary>
    public async Task<Result<IReadOnlyList<PreOrderSuggestion>>> ForAsync(StaffActor actor, RedeemIdentity identity, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Result.Success(await FindAsync(db, identity, today, cancellationToken));
    }

    internal static async Task<IReadOnlyList<PreOrderSuggestion>> FindAsync(BrpDbContext db, RedeemIdentity identity, DateOnly today, CancellationToken cancellationToken)
    {
        var suggestions = new List<PreOrderSuggestion>();
        var nameKey = PersonName.MatchKey(identity.FullName);
        var rows = identity.Personnummer is { } personnummer
            ? ByPersonnummerOrBirthDate.For(db)(db, personnummer, identity.BirthDate, nameKey, today)
            : ByBirthDate.For(db)(db, identity.BirthDate, nameKey, today);
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            suggestions.Add(new PreOrderSuggestion(
                r.PreOrderId, r.OrganisationId, r.OrganisationName, r.ProductId, r.ProductName, new DateRange(r.ValidFrom, r.ValidTo),
                r.OnlyBirthDate ? SuggestionMatch.BirthDateAndName : SuggestionMatch.Personnummer, r.PreOrderVersion));
        }

        return suggestions.Count < 2
            ? suggestions
            : suggestions.OrderBy(s => s.Match).ThenBy(s => s.OrganisationName).ThenBy(s => s.PreOrderId).ToList();
    }

    private sealed record SuggestionRow(
        int PreOrderId, int OrganisationId, string OrganisationName, int ProductId, string ProductName, DateOnly ValidFrom, DateOnly ValidTo,
        bool OnlyBirthDate, int PreOrderVersion);
}
