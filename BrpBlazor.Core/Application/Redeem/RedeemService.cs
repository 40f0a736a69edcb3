using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Redeem;
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
        return await LoadStandingAsync(db, personId, clock.Today, settings, cancellationToken);
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
            db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, PersonAudit.ContactChanged, "Person", person.Id, $"Kontaktuppgifter för {person.FullName} ändrades i guiden", before, new { person.Email, person.Phone }, personId: person.Id));
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

        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, PersonAudit.Created, "Person", person.Id, $"{person.FullName} registrerades som organisationskund", null,
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

    /// <summary>
    /// The Bekräfta step's preview: the summary and what stands in the way, by the same rules Slutför applies.
    /// <paramref name="personId"/> is null for a person being registered.
    /// </summary>
    public async Task<Result<RedemptionPreview>> PreviewAsync(
        StaffActor actor, int? personId, RedeemIdentity identity, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = await LoadContextAsync(db, actor, personId, identity, request, settings, cancellationToken);
        return Redemption.Preview(request.Choice, context);
    }

    /// <summary>Loads what the redeem rules read; <see cref="Redemption"/> decides.</summary>
    private async Task<RedemptionContext> LoadContextAsync(
        BrpDbContext db, StaffActor actor, int? personId, RedeemIdentity identity, RedeemRequest request, RedeemSettings settings, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var organisation = await db.Organisations.Include(o => o.PriceList).FirstOrDefaultAsync(o => o.Id == request.OrganisationId, cancellationToken);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        var redeemable = organisation is null
            ? []
            : (await RedeemSuggestions.FindAsync(db, identity, today, cancellationToken))
                .Where(s => s.OrganisationId == organisation.Id)
                .Select(s => new RedeemablePreOrder(s.PreOrderId, s.ProductName))
                .ToList();
        var preOrder = request.PreOrderId is { } preOrderId && organisation is not null
            ? await db.PreOrders.FirstOrDefaultAsync(p => p.Id == preOrderId && p.OrganisationId == organisation.Id, cancellationToken)
            : null;
        RedemptionMember? member = null;
        if (personId is { } id)
        {
            var subscriptions = await PrivateSubscriptionsAsync(db, id, today, cancellationToken);
            member = new RedemptionMember(
                await LoadStandingAsync(db, id, today, settings, cancellationToken),
                subscriptions,
                await ProductsOfAsync(db, subscriptions, cancellationToken));
        }

        return new RedemptionContext(today, actor.Rights, settings, organisation, product, preOrder, redeemable, member);
    }

    private async Task<Result<RedeemOutcome>> RedeemAsync(
        BrpDbContext db, StaffActor actor, Person person, RedeemRequest request, RedeemSettings settings, bool isNewPerson, CancellationToken cancellationToken)
    {
        var context = await LoadContextAsync(db, actor, isNewPerson ? null : person.Id, RedeemIdentity.Of(person), request, settings, cancellationToken);
        var applied = Redemption.Apply(request.Choice, context, person.Id, actor.Id, clock.UtcNow);
        if (!applied.IsSuccess)
        {
            return Result<RedeemOutcome>.Failure(applied.Errors);
        }

        var redemption = applied.Value;
        var (subscription, product, organisation, preOrder) = (redemption.Subscription, redemption.Product, redemption.Organisation, redemption.PreOrder);
        db.Subscriptions.Add(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (redemption.RedeemPreOrder(clock.UtcNow).FirstError is { } taken)
            {
                return taken;
            }

            var overridden = redemption.Overrides;
            db.AuditEntries.Add(Audit.Entry(
                actor, clock.UtcNow, preOrder is null ? RedeemAudit.AgreementSubscription : RedeemAudit.PreOrderRedeemed, "Subscription", subscription.Id,
                preOrder is null
                    ? $"{person.FullName} fick {product.Name} genom {organisation.Name}s avtal"
                    : $"{person.FullName} utnyttjade förbeställningen av {product.Name} från {organisation.Name}",
                preOrder is null ? null : new { PreOrder = preOrder.Id, Status = nameof(PreOrderStatus.Open) },
                new
                {
                    Subscription = subscription.Id,
                    Product = product.Name,
                    MonthlyPrice = redemption.MonthlyPrice.ToString(),
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
        return existing is { } id ? RedeemErrors.PersonExists(id) : RedeemErrors.PersonNotSaved;
    }

    private static async Task<PersonStanding> LoadStandingAsync(BrpDbContext db, int personId, DateOnly today, RedeemSettings settings, CancellationToken cancellationToken)
    {
        var blockedReason = await db.People.Where(p => p.Id == personId).Select(p => p.BlockedReason).FirstOrDefaultAsync(cancellationToken);
        var open = await db.Charges.AsNoTracking()
            .Where(c => c.PaidUtc == null && c.VoidedUtc == null && db.Subscriptions.Any(s => s.Id == c.SubscriptionId && s.PersonId == personId))
            .Select(c => new { c.Amount, c.CreatedUtc })
            .ToListAsync(cancellationToken);
        var charges = open.Select(c => new UnpaidCharge(c.Amount, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.CreatedUtc, DateTimeKind.Utc), StockholmClock.Stockholm))));
        return PersonStanding.Of(blockedReason, charges, today, settings.UnpaidDaysBlockRedeem);
    }

    private static async Task<PrivateMembershipCheck> CheckPrivateMembershipAsync(
        BrpDbContext db, int personId, DateOnly today, RedeemSettings settings, CancellationToken cancellationToken)
    {
        var running = await PrivateSubscriptionsAsync(db, personId, today, cancellationToken);
        return PrivateMembershipCheck.Of(running, await ProductsOfAsync(db, running, cancellationToken), today, settings);
    }

    /// <summary>The person's private subscriptions that are not cancelled or ended: what the private-membership rule reads.</summary>
    private static async Task<IReadOnlyList<Subscription>> PrivateSubscriptionsAsync(BrpDbContext db, int personId, DateOnly today, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == personId && s.OrganisationId == null && s.CancelledOn == null && (s.EndDate == null || s.EndDate >= today))
            .ToListAsync(cancellationToken);

    private static async Task<IReadOnlyDictionary<int, Product>> ProductsOfAsync(BrpDbContext db, IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        if (subscriptions.Count == 0)
        {
            return new Dictionary<int, Product>();
        }

        var productIds = subscriptions.Select(s => s.ProductId).Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    private static ProductChoice Choice(Product product, Organisation organisation, int? preOrderId) =>
        new(product.Id, product.Name, organisation.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice, product.Kind, product.BindingMonths, product.NoticeMonths, preOrderId);
}
