using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.People;

/// <summary>One subscription as the person page shows it, with the product it is on.</summary>
public sealed record SubscriptionOverview(Subscription Subscription, Product Product, string? OrganisationName);

/// <summary>A charge waiting at the till (Att betala i kassan).</summary>
public sealed record OpenCharge(int ChargeId, int SubscriptionId, string ProductName, ChargeKind Kind, Domain.Common.Money Amount, string Description, DateTime CreatedUtc);

public sealed record PersonOverview(Person Person, IReadOnlyList<SubscriptionOverview> Subscriptions, IReadOnlyList<OpenCharge> OpenCharges);

/// <summary>Everything the person page shows, read in one short-lived context.</summary>
public sealed class PersonOverviewQuery(IDbContextFactory<BrpDbContext> dbFactory)
{
    /// <summary>Reception only; a person who does not exist is <see cref="PersonErrors.NotFound"/>.</summary>
    public async Task<Result<PersonOverview>> GetAsync(StaffActor actor, int personId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return PersonErrors.NotFound;
        }

        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == personId)
            .Include(s => s.Freezes)
            .Include(s => s.Charges)
            .Include(s => s.BilledPeriods)
            .Include(s => s.ProductChanges)
            .AsSplitQuery()
            .OrderByDescending(s => s.StartDate).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);

        // A charge made before an upgrade keeps the product it was made for, so the earlier products are read too.
        var productIds = subscriptions.Select(s => s.ProductId).Concat(subscriptions.SelectMany(s => s.ProductChanges.Select(c => c.FromProductId)))
            .Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var organisationIds = subscriptions.Where(s => s.OrganisationId != null).Select(s => s.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        var overviews = subscriptions
            .Select(s => new SubscriptionOverview(s, products[s.ProductId], s.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null))
            .ToList();
        var charges = overviews
            .SelectMany(o => o.Subscription.Charges.Where(c => c.IsOpen)
                .Select(c => new OpenCharge(c.Id, o.Subscription.Id, products[o.Subscription.ProductIdOf(c)].Name, c.Kind, c.Amount, c.Description, c.CreatedUtc)))
            .OrderBy(c => c.CreatedUtc)
            .ToList();
        return new PersonOverview(person, overviews, charges);
    }
}
