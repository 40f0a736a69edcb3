using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Redeem;

/// <summary>
/// Utnyttja avtal/förbeställning (domain.md §5) and its base flow, registering a new organisation customer.
/// The wizard only reads until Slutför; finishing is one transaction that creates the subscription, marks the
/// pre-order redeemed and writes the audit entry, or changes nothing.
/// </summary>
public sealed class RedeemService(
    IDbContextFactory<BrpDbContext> dbFactory,
    IBrpDatabase database,
    IBusinessClock clock,
    IChangeFeed changeFeed)
{
    /// <summary>The Produkt step for an organisation and a person (existing or being registered).</summary>
    public async Task<Result<ProductStepModel>> ProductChoicesAsync(StaffActor actor, int organisationId, RedeemIdentity identity, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.PriceList).FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return new ProductStepModel([], false, RedeemErrors.OrganisationNotFound.Message);
        }

        var preOrders = (await RedeemSuggestions.FindAsync(db, identity, clock.Today, cancellationToken))
            .Where(s => s.OrganisationId == organisationId).ToList();
        if (preOrders.Count > 0)
        {
            var ids = preOrders.Select(p => p.ProductId).ToList();
            var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var locked = preOrders.Select(p => Choice(products[p.ProductId], organisation, p.PreOrderId)).ToList();
            return new ProductStepModel(
                locked, true,
                $"{organisation.Name} har förbeställt {string.Join(" och ", locked.Select(c => c.Name))} för personen. Bara den förbeställda produkten kan väljas.");
        }

        var priceListIds = organisation.PriceList.Select(e => e.ProductId).ToList();
        var offered = await db.Products.AsNoTracking()
            .Where(p => priceListIds.Contains(p.Id) && !p.IsAddOn && !p.IsRetired)
            .OrderBy(p => EF.Functions.Collate(p.Name, SwedishCollation.Name))
            .ToListAsync(cancellationToken);
        return new ProductStepModel(
            offered.Select(p => Choice(p, organisation, null)).ToList(), false,
            offered.Count == 0 ? "Organisationen har inga produkter på sin prislista." : $"Produkterna på {organisation.Name}s prislista.");
    }

    /// <summary>Step 1: does a running private subscription with too many months left stand in the way?</summary>
    public async Task<Result<PrivateMembershipCheck>> CheckPrivateMembershipAsync(StaffActor actor, int personId, RedeemSettings settings, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CheckPrivateMembershipAsync(db, personId, clock.Today, settings, cancellationToken);
    }

    /// <summary>Step 1: is the person blocked, or do charges older than the setting wait at the till?</summary>
    public async Task<Result<PersonStanding>> CheckStandingAsync(StaffActor actor, int personId, RedeemSettings settings, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CheckStandingAsync(db, personId, clock.Today, settings, cancellationToken);
    }

    /// <summary>
    /// After "redeemed from another tablet": the subscription the pre-order became, and whose it is, so the losing
    /// tablet can go straight to it. Null when it is not redeemed (withdrawn meanwhile) or the actor may not see people.
    /// </summary>
    public async Task<RedeemOutcome?> RedeemedAsAsync(StaffActor actor, int preOrderId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is not null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from p in db.PreOrders.AsNoTracking()
                      where p.Id == preOrderId && p.Status == PreOrderStatus.Redeemed
                      join s in db.Subscriptions on p.RedeemedSubscriptionId equals s.Id
                      select new RedeemOutcome(s.PersonId, s.Id))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Slutför for a person in the register.</summary>
    public async Task<Result<RedeemOutcome>> FinishAsync(StaffActor actor, int personId, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken = default)
    {
        if (Precheck(actor, request) is { } refused)
        {
            return refused;
        }

        return await WhenNotBusyAsync(() => FinishCoreAsync(actor, personId, request, settings, cancellationToken));
    }

    private async Task<Result<RedeemOutcome>> FinishCoreAsync(StaffActor actor, int personId, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return RedeemErrors.PersonNotFound;
        }

        var before = new { person.Email, person.Phone };
        var contact = person.UpdateContact(request.Email, request.Phone);
        if (!contact.IsSuccess)
        {
            return Result<RedeemOutcome>.Failure(contact.Errors);
        }

        var outcome = await RedeemAsync(db, actor, person, request, settings, isNewPerson: false, cancellationToken);
        if (!outcome.IsSuccess)
        {
            return outcome;
        }

        if (before.Email != person.Email || before.Phone != person.Phone)
        {
            db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, "person.contact", "Person", person.Id, $"Kontaktuppgifter för {person.FullName} ändrades i guiden", before, new { person.Email, person.Phone }, personId: person.Id));
        }

        return await CommitAsync(db, transaction, actor, outcome.Value, person, cancellationToken);
    }

    /// <summary>
    /// Slutför for someone not in the register yet (Registrera ny organisationskund): creates the person, the
    /// subscription and redeems the pre-order in one transaction.
    /// </summary>
    public async Task<Result<RedeemOutcome>> RegisterAndFinishAsync(StaffActor actor, PersonDetails details, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken = default)
    {
        if (Precheck(actor, request) is { } refused)
        {
            return refused;
        }

        var created = Person.Create(details with { Email = request.Email, Phone = request.Phone }, clock.UtcNow);
        if (!created.IsSuccess)
        {
            return Result<RedeemOutcome>.Failure(created.Errors);
        }

        return await WhenNotBusyAsync(() => RegisterAndFinishCoreAsync(actor, details, created.Value, request, settings, cancellationToken));
    }

    /// <summary>A busy database at Slutför (even at BEGIN) is a refusal to try again, never an exception that ends the circuit (docs/decisions/063).</summary>
    private static async Task<Result<RedeemOutcome>> WhenNotBusyAsync(Func<Task<Result<RedeemOutcome>>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (DatabaseFailures.IsBusy(e))
        {
            return RedeemErrors.Busy;
        }
    }

    private async Task<Result<RedeemOutcome>> RegisterAndFinishCoreAsync(
        StaffActor actor, PersonDetails details, Person person, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (details.Personnummer is { } pnr && await db.People.Where(p => p.Personnummer == pnr).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return RedeemErrors.PersonExists(existing);
        }

        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (details.Personnummer is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ExistingPersonErrorAsync(details.Personnummer.Value, cancellationToken);
        }

        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, "person.create", "Person", person.Id, $"{person.FullName} registrerades som organisationskund", null,
            new { person.FirstName, person.LastName, Personnummer = person.Personnummer?.Masked, person.BirthDate, person.Email, person.Phone }, personId: person.Id));
        var outcome = await RedeemAsync(db, actor, person, request, settings, isNewPerson: true, cancellationToken);
        if (!outcome.IsSuccess)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }

        return await CommitAsync(db, transaction, actor, outcome.Value, person, cancellationToken);
    }

    /// <summary>
    /// An open, valid pre-order's details, to prefill the new-customer wizard (Reception). Only for the personnummer
    /// staff searched for with the person at the desk: a pre-order id alone opens nothing, so stepping through ids
    /// reads no one's details (docs/decisions/060).
    /// </summary>
    public async Task<Result<PreOrderStart>> PreOrderStartAsync(StaffActor actor, Personnummer searched, int preOrderId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var row = await (from p in db.PreOrders.AsNoTracking()
                         join o in db.Organisations on p.OrganisationId equals o.Id
                         where p.Id == preOrderId && p.Personnummer == searched && p.Status == PreOrderStatus.Open && p.ValidFrom <= today && p.ValidTo >= today
                         select new { PreOrder = p, OrganisationName = o.Name }).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? RedeemErrors.NoPreOrderStart
            : new PreOrderStart(row.PreOrder.Id, row.PreOrder.Name, row.PreOrder.Personnummer?.Formatted, row.PreOrder.BirthDate, row.PreOrder.Email, row.PreOrder.OrganisationId, row.OrganisationName);
    }

    /// <summary>The person a personnummer belongs to, if any (the new-customer wizard stops with a link; Reception).</summary>
    public async Task<Result<int?>> FindPersonAsync(StaffActor actor, Personnummer personnummer, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindPersonAsync(db, personnummer, cancellationToken);
    }

    private static Task<int?> FindPersonAsync(BrpDbContext db, Personnummer personnummer, CancellationToken cancellationToken) =>
        db.People.Where(p => p.Personnummer == personnummer).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);

    private static Error? Precheck(StaffActor actor, RedeemRequest request)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        return request.IdentityChecked ? null : RedeemErrors.IdentityNotChecked;
    }

    private async Task<Result<RedeemOutcome>> RedeemAsync(
        BrpDbContext db, StaffActor actor, Person person, RedeemRequest request, RedeemSettings settings, bool isNewPerson, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var mayOverride = actor.Has(Right.Supervisor) && !string.IsNullOrWhiteSpace(request.OverrideReason);
        var overridden = new List<string>();
        if (request.StartDate < today)
        {
            if (!mayOverride)
            {
                return RedeemErrors.StartInPast;
            }

            overridden.Add(RedeemErrors.StartInPast.Code);
        }

        var organisation = await db.Organisations.Include(o => o.PriceList).FirstOrDefaultAsync(o => o.Id == request.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return RedeemErrors.OrganisationNotFound;
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        if (product is null || product.IsAddOn)
        {
            return RedeemErrors.ProductNotOffered;
        }

        var redeemable = (await RedeemSuggestions.FindAsync(db, RedeemIdentity.Of(person), today, cancellationToken))
            .Where(s => s.OrganisationId == organisation.Id).ToList();
        PreOrder? preOrder = null;
        if (request.PreOrderId is { } preOrderId)
        {
            preOrder = await db.PreOrders.FirstOrDefaultAsync(p => p.Id == preOrderId && p.OrganisationId == organisation.Id, cancellationToken);
            if (preOrder is null)
            {
                return new Error("redeem.preorder", "Förbeställningen finns inte hos organisationen");
            }

            if (preOrder.Status == PreOrderStatus.Redeemed || (request.PreOrderVersion is { } seen && seen != preOrder.Version))
            {
                return RedeemErrors.AlreadyRedeemedByOther;
            }

            if (!preOrder.IsRedeemable(today) || redeemable.All(s => s.PreOrderId != preOrderId))
            {
                return preOrder.Status == PreOrderStatus.Withdrawn ? PreOrderErrors.Withdrawn : PreOrderErrors.OutsideValidity(preOrder.Validity);
            }

            if (preOrder.ProductId != product.Id)
            {
                return RedeemErrors.LockedToPreOrder(redeemable.First(s => s.PreOrderId == preOrderId).ProductName);
            }
        }
        else if (redeemable.Count > 0)
        {
            // The organisation holds a pre-order for this person: only the pre-ordered product may be chosen.
            return RedeemErrors.LockedToPreOrder(redeemable[0].ProductName);
        }
        else if (organisation.PriceFor(product.Id) is null || product.IsRetired)
        {
            return RedeemErrors.ProductNotOffered;
        }

        if (!isNewPerson)
        {
            var standing = await CheckStandingAsync(db, person.Id, today, settings, cancellationToken);
            if (standing.BlockedError is { } blocked)
            {
                return blocked;
            }

            if (standing.OverdueError is { } overdue)
            {
                if (!mayOverride)
                {
                    return overdue;
                }

                overridden.Add(overdue.Code);
            }

            var check = await CheckPrivateMembershipAsync(db, person.Id, today, settings, cancellationToken);
            if (check.Blocks)
            {
                if (!mayOverride)
                {
                    return RedeemErrors.PrivateMembership(check.Message!);
                }

                overridden.Add("redeem.private");
            }
        }

        var price = organisation.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice;
        var subscription = Subscription.Create(new SubscriptionStart(
            person.Id, product, price, request.StartDate, organisation.Id, preOrder?.Id, actor.Id, clock.UtcNow));
        db.Subscriptions.Add(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (preOrder is not null)
            {
                var redeemed = preOrder.Redeem(subscription.Id, today, clock.UtcNow);
                if (!redeemed.IsSuccess)
                {
                    return RedeemErrors.AlreadyRedeemedByOther;
                }
            }

            db.AuditEntries.Add(Audit.Entry(
                actor, clock.UtcNow, preOrder is null ? "subscription.create.agreement" : "preorder.redeem", "Subscription", subscription.Id,
                preOrder is null
                    ? $"{person.FullName} fick {product.Name} genom {organisation.Name}s avtal"
                    : $"{person.FullName} utnyttjade förbeställningen av {product.Name} från {organisation.Name}",
                preOrder is null ? null : new { PreOrder = preOrder.Id, Status = nameof(PreOrderStatus.Open) },
                new
                {
                    Subscription = subscription.Id,
                    Product = product.Name,
                    MonthlyPrice = price.ToString(),
                    subscription.StartDate,
                    subscription.BoundUntil,
                    Organisation = organisation.Name,
                    PreOrder = preOrder?.Id,
                    Overridden = overridden,
                },
                personId: person.Id, organisationId: organisation.Id, reason: overridden.Count > 0 ? request.OverrideReason : null));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            return SaveRefused(e);
        }

        return new RedeemOutcome(person.Id, subscription.Id);
    }

    private async Task<Result<RedeemOutcome>> CommitAsync(
        BrpDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, StaffActor actor, RedeemOutcome outcome, Person person, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            return SaveRefused(e);
        }

        changeFeed.Publish(new SubscriptionChanged(database.Name, person.Id, outcome.SubscriptionId, 1, "nytt abonnemang genom organisation", actor.Name, actor.Id));
        return outcome;
    }

    /// <summary>
    /// Only another tablet redeeming the same pre-order first (its version, or the unique index on
    /// Subscriptions.PreOrderId) is "already redeemed"; a busy database or any other refusal says so (docs/decisions/063).
    /// </summary>
    private static Error SaveRefused(DbUpdateException e)
    {
        if (e is DbUpdateConcurrencyException || DatabaseFailures.IsUniqueViolation(e, "Subscriptions", nameof(Subscription.PreOrderId)))
        {
            return RedeemErrors.AlreadyRedeemedByOther;
        }

        return DatabaseFailures.IsBusy(e) ? RedeemErrors.Busy : RedeemErrors.SaveFailed;
    }

    private async Task<Result<RedeemOutcome>> ExistingPersonErrorAsync(Personnummer personnummer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await FindPersonAsync(db, personnummer, cancellationToken);
        return existing is { } id ? RedeemErrors.PersonExists(id) : new Error("redeem.person.save", "Personen kunde inte sparas. Försök igen.");
    }

    private static async Task<PersonStanding> CheckStandingAsync(BrpDbContext db, int personId, DateOnly today, RedeemSettings settings, CancellationToken cancellationToken)
    {
        var blockedReason = await db.People.Where(p => p.Id == personId).Select(p => p.BlockedReason).FirstOrDefaultAsync(cancellationToken);

        // "Older than N days" in Stockholm calendar days: a charge made on day D is overdue from D + N + 1.
        var open = await db.Charges.AsNoTracking()
            .Where(c => c.PaidUtc == null && c.VoidedUtc == null && db.Subscriptions.Any(s => s.Id == c.SubscriptionId && s.PersonId == personId))
            .Select(c => new { c.Amount, c.CreatedUtc })
            .ToListAsync(cancellationToken);
        var overdue = open
            .Select(c => (c.Amount, Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.CreatedUtc, DateTimeKind.Utc), StockholmClock.Stockholm))))
            .Where(c => today.DayNumber - c.Day.DayNumber > settings.UnpaidDaysBlockRedeem)
            .ToList();
        return new PersonStanding(
            blockedReason,
            overdue.Aggregate(Money.Zero, (sum, c) => sum + c.Amount),
            overdue.Count,
            overdue.Count == 0 ? null : overdue.Min(c => c.Day),
            settings.UnpaidDaysBlockRedeem);
    }

    private static async Task<PrivateMembershipCheck> CheckPrivateMembershipAsync(
        BrpDbContext db, int personId, DateOnly today, RedeemSettings settings, CancellationToken cancellationToken)
    {
        var running = await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == personId && s.OrganisationId == null && s.CancelledOn == null && (s.EndDate == null || s.EndDate >= today))
            .ToListAsync(cancellationToken);
        if (running.Count == 0)
        {
            return PrivateMembershipCheck.Clear;
        }

        var productIds = running.Select(s => s.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var noticeStart = settings.NoticeFromTomorrow ? today.AddDays(1) : today;
        var worst = running
            .Select(s => (Subscription: s, Product: products[s.ProductId], End: s.IsFixedTerm ? s.EndDate!.Value : Subscription.CancellationEndDate(s.BoundUntil, noticeStart, products[s.ProductId].NoticeMonths)))
            .Select(x => (x.Subscription, x.Product, x.End, Months: Calendar.MonthsUntil(today, x.End)))
            .OrderByDescending(x => x.Months)
            .First();
        if (worst.Months <= settings.MaxMonthsLeftOnPrivate)
        {
            return PrivateMembershipCheck.Clear;
        }

        return new PrivateMembershipCheck(
            true,
            $"Personen har ett privat abonnemang ({worst.Product.Name}) med {worst.Months} månader kvar: det kan tidigast sluta {worst.End:yyyy-MM-dd}. " +
            $"Högst {settings.MaxMonthsLeftOnPrivate} månader får återstå för att gå över till en organisations avtal. En arbetsledare kan göra undantag med en skriftlig orsak.");
    }

    private static ProductChoice Choice(Product product, Organisation organisation, int? preOrderId) =>
        new(product.Id, product.Name, organisation.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice, product.Kind, product.BindingMonths, product.NoticeMonths, preOrderId);
}
