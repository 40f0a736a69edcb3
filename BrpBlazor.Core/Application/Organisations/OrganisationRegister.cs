using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Organisations;

/// <summary>A staff member who can be chosen as kundansvarig.</summary>
public sealed record StaffOption(string Id, string DisplayName);

/// <summary>A product as the price list editor offers it.</summary>
/// <param name="CanBePreOrdered">A main product allowed for pre-orders: on a price list it can be pre-ordered (domain.md §4).</param>
public sealed record PriceListProduct(int Id, string Name, ProductKind Kind, Money ListPrice, bool IsAddOn, bool CanBePreOrdered, bool IsRetired);

/// <summary>Everything the organisation form needs: the organisation (null for a new one), the staff and the products.</summary>
public sealed record OrganisationEditor(int? OrganisationId, int Version, OrganisationInput Input, IReadOnlyList<StaffOption> Staff, IReadOnlyList<PriceListProduct> Products);

public sealed record ExistingOrganisation(int Id, string Name);

/// <summary>The outcome of saving an organisation: its id, or the refusals (with the existing organisation on a duplicate).</summary>
public sealed class OrganisationSaveResult : Result
{
    private OrganisationSaveResult(int organisationId, IReadOnlyList<Error> errors, ExistingOrganisation? duplicate)
        : base(errors)
    {
        OrganisationId = organisationId;
        Duplicate = duplicate;
    }

    public int OrganisationId { get; }

    public ExistingOrganisation? Duplicate { get; }

    public static OrganisationSaveResult Saved(int organisationId) => new(organisationId, [], null);

    public static OrganisationSaveResult Refused(IReadOnlyList<Error> errors) => new(0, errors, null);

    public static OrganisationSaveResult Refused(Error error) => new(0, [error], null);

    public static OrganisationSaveResult DuplicateOf(ExistingOrganisation existing) => new(0, [OrganisationErrors.Duplicate], existing);
}

/// <summary>
/// Registers and edits organisations with their price lists (Supervisor or Admin). The details and the whole
/// price list are saved together, with one audit entry.
/// </summary>
public sealed class OrganisationRegister(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    private static readonly UniqueKey OrganisationsnummerKey = new("Organisations", nameof(Organisation.Organisationsnummer));

    /// <summary>
    /// The form's data (Arbetsledare or Administratör: it lists every staff member); <see cref="OrganisationErrors.NotFound"/>
    /// when <paramref name="organisationId"/> names no organisation.
    /// </summary>
    public async Task<Result<OrganisationEditor>> GetEditorAsync(StaffActor actor, int? organisationId, CancellationToken cancellationToken = default)
    {
        if (actor.RequireAny(Right.Supervisor, Right.Admin) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Organisation? organisation = null;
        if (organisationId is { } id)
        {
            organisation = await db.Organisations.AsNoTracking().Include(o => o.PriceList).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organisation is null)
            {
                return OrganisationErrors.NotFound;
            }
        }

        var staff = await db.Users.AsNoTracking()
            .OrderBy(u => EF.Functions.Collate(u.DisplayName, SwedishCollation.Name))
            .Select(u => new StaffOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        var products = (await db.Products.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(p => p.IsAddOn).ThenBy(p => p.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), true))
            .Select(p => new PriceListProduct(p.Id, p.Name, p.Kind, p.MonthlyPrice, p.IsAddOn, p.CanBePreOrdered, p.IsRetired))
            .ToList();
        return organisation is null
            ? new OrganisationEditor(null, 0, OrganisationInput.Empty, staff, products)
            : new OrganisationEditor(organisation.Id, organisation.Version, OrganisationInput.From(organisation), staff, products);
    }

    public async Task<OrganisationSaveResult> CreateAsync(StaffActor actor, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        var details = CheckInput(actor, input);
        if (!details.IsSuccess)
        {
            return OrganisationSaveResult.Refused(details.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var problems = await CheckReferencesAsync(db, details.Value, input.PriceList, current: null, cancellationToken);
        if (problems.Count > 0)
        {
            return OrganisationSaveResult.Refused(problems);
        }

        if (await FindHolderAsync(db, details.Value.Organisationsnummer, exceptId: null, cancellationToken) is { } existing)
        {
            return OrganisationSaveResult.DuplicateOf(existing);
        }

        var organisation = Organisation.Create(details.Value).Value;
        var products = await LoadProductsAsync(db, input.PriceList, cancellationToken);
        foreach (var line in input.PriceList)
        {
            organisation.SetPrice(products[line.ProductId], line.MonthlyPrice);
        }

        var saved = await RegisterSave.InsertAsync(
            db,
            organisation,
            o => Audit.Entry(
                actor, clock.UtcNow, OrganisationAudit.Created, nameof(Organisation), o.Id, $"Organisationen {o.Name} registrerades",
                null, Describe(o, products), organisationId: o.Id),
            OrganisationsnummerKey,
            cancellationToken);
        return saved.Value == RegisterSaveStatus.UniqueKeyTaken
            ? await DuplicateAfterRaceAsync(details.Value.Organisationsnummer, exceptId: null, cancellationToken)
            : OrganisationSaveResult.Saved(organisation.Id);
    }

    /// <param name="expectedVersion">The version the form was filled from; a newer one means someone else saved in between.</param>
    public async Task<OrganisationSaveResult> UpdateAsync(
        StaffActor actor, int organisationId, int expectedVersion, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        var details = CheckInput(actor, input);
        if (!details.IsSuccess)
        {
            return OrganisationSaveResult.Refused(details.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.Include(o => o.PriceList).FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return OrganisationSaveResult.Refused(OrganisationErrors.NotFound);
        }

        if (organisation.Version != expectedVersion)
        {
            return OrganisationSaveResult.Refused(OrganisationErrors.ChangedByOther);
        }

        var problems = await CheckReferencesAsync(db, details.Value, input.PriceList, organisation, cancellationToken);
        if (problems.Count > 0)
        {
            return OrganisationSaveResult.Refused(problems);
        }

        if (await FindHolderAsync(db, details.Value.Organisationsnummer, exceptId: organisationId, cancellationToken) is { } existing)
        {
            return OrganisationSaveResult.DuplicateOf(existing);
        }

        var products = await LoadProductsAsync(db, organisation.PriceList.Select(e => new PriceListLineInput(e.ProductId, e.MonthlyPrice)).Concat(input.PriceList), cancellationToken);
        var before = Describe(organisation, products);
        organisation.Update(details.Value);
        foreach (var removed in organisation.PriceList.Where(e => input.PriceList.All(l => l.ProductId != e.ProductId)).Select(e => e.ProductId).ToList())
        {
            organisation.RemoveFromPriceList(removed);
        }

        foreach (var line in input.PriceList)
        {
            organisation.SetPrice(products[line.ProductId], line.MonthlyPrice);
        }

        // A change to the price list alone must raise the organisation's version too, so a stale form is refused.
        db.Entry(organisation).Property(o => o.Version).IsModified = true;
        db.Entry(organisation).Property(o => o.Version).OriginalValue = expectedVersion;
        var audit = Audit.Entry(
            actor, clock.UtcNow, OrganisationAudit.Updated, nameof(Organisation), organisation.Id, $"Organisationen {organisation.Name} ändrades",
            before, Describe(organisation, products), organisationId: organisation.Id);
        return await RegisterSave.UpdateAsync(db, audit, OrganisationsnummerKey, cancellationToken) switch
        {
            RegisterSaveStatus.ChangedByOther => OrganisationSaveResult.Refused(OrganisationErrors.ChangedByOther),
            RegisterSaveStatus.UniqueKeyTaken => await DuplicateAfterRaceAsync(details.Value.Organisationsnummer, organisationId, cancellationToken),
            _ => OrganisationSaveResult.Saved(organisation.Id),
        };
    }

    /// <summary>What a create and an update check before touching the database: the right, then the form's values.</summary>
    private static Result<OrganisationDetails> CheckInput(StaffActor actor, OrganisationInput input) =>
        actor.RequireAny(Right.Supervisor, Right.Admin) is { } refused ? refused : input.ToDetails();

    /// <summary>
    /// The kundansvarig must be a staff member; every product must exist; a retired product may stay on a list
    /// but not be added; a product with open pre-orders for the organisation may not leave its list (a pre-order
    /// product must be on the price list, domain.md §4).
    /// </summary>
    private static async Task<List<Error>> CheckReferencesAsync(
        BrpDbContext db, OrganisationDetails details, IReadOnlyList<PriceListLineInput> lines, Organisation? current, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        if (details.CustomerManagerId is { Length: > 0 } managerId && !await db.Users.AnyAsync(u => u.Id == managerId, cancellationToken))
        {
            errors.Add(OrganisationErrors.UnknownManager);
        }

        var wanted = lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var productId in wanted)
        {
            if (!products.TryGetValue(productId, out var product))
            {
                errors.Add(OrganisationErrors.UnknownProduct(productId));
            }
            else if (product.IsRetired && current?.PriceFor(productId) is null)
            {
                errors.Add(OrganisationErrors.RetiredProduct(product.Name));
            }
        }

        if (current is not null)
        {
            var removed = current.PriceList.Select(e => e.ProductId).Except(wanted).ToList();
            var openPreOrders = await db.PreOrders.AsNoTracking()
                .Where(p => p.OrganisationId == current.Id && removed.Contains(p.ProductId) && p.Status == PreOrderStatus.Open)
                .GroupBy(p => p.ProductId)
                .Select(g => new { ProductId = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var open in openPreOrders)
            {
                var name = await db.Products.Where(p => p.Id == open.ProductId).Select(p => p.Name).FirstAsync(cancellationToken);
                errors.Add(OrganisationErrors.OpenPreOrders(name, open.Count));
            }
        }

        return errors;
    }

    private static async Task<Dictionary<int, Product>> LoadProductsAsync(BrpDbContext db, IEnumerable<PriceListLineInput> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.ProductId).Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    private static object Describe(Organisation organisation, Dictionary<int, Product> products) => new
    {
        organisation.Name,
        Organisationsnummer = organisation.Organisationsnummer.Formatted,
        organisation.CustomerManagerId,
        organisation.UsesPreOrders,
        PriceList = organisation.PriceList
            .Select(e => new { e.ProductId, Product = products.TryGetValue(e.ProductId, out var p) ? p.Name : null, MonthlyPrice = e.MonthlyPrice.ToString() })
            .OrderBy(e => e.ProductId)
            .ToList(),
    };

    private static async Task<ExistingOrganisation?> FindHolderAsync(BrpDbContext db, Organisationsnummer number, int? exceptId, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.Organisationsnummer == number && o.Id != exceptId)
            .Select(o => new ExistingOrganisation(o.Id, o.Name))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<OrganisationSaveResult> DuplicateAfterRaceAsync(Organisationsnummer number, int? exceptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindHolderAsync(db, number, exceptId, cancellationToken) is { } existing
            ? OrganisationSaveResult.DuplicateOf(existing)
            : OrganisationSaveResult.Refused(OrganisationErrors.Duplicate);
    }
}
