using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Products;

public sealed record ProductListItem(int Id, string Name, ProductKind Kind, Money MonthlyPrice, int BindingMonths, bool IsAddOn, bool CanBePreOrdered, bool IsRetired);

public sealed record ProductView(Product Product, ProductUsage Usage);

/// <summary>
/// Creates, edits, retires, reinstates and deletes products (Supervisor or Admin). A product in use can only be
/// retired; a product with subscriptions keeps the terms they were sold on. Each change writes one audit entry.
/// </summary>
public sealed class ProductRegister(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Products by name; the register is small, so the filter runs in memory with Swedish case rules.</summary>
    public async Task<IReadOnlyList<ProductListItem>> ListAsync(string? search, bool includeRetired, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Where(p => includeRetired || !p.IsRetired).ToListAsync(cancellationToken);
        var words = (search ?? string.Empty).ToLower(Swedish).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return products
            .Where(p => words.All(w => p.Name.ToLower(Swedish).Contains(w, StringComparison.Ordinal)))
            .OrderBy(p => p.IsRetired).ThenBy(p => p.IsAddOn).ThenBy(p => p.Name, StringComparer.Create(Swedish, true))
            .Select(p => new ProductListItem(p.Id, p.Name, p.Kind, p.MonthlyPrice, p.BindingMonths, p.IsAddOn, p.CanBePreOrdered, p.IsRetired))
            .ToList();
    }

    public async Task<ProductView?> GetAsync(int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        return product is null ? null : new ProductView(product, await ProductUsage.CountAsync(db, productId, cancellationToken));
    }

    public async Task<Result<int>> CreateAsync(StaffActor actor, ProductDetails details, CancellationToken cancellationToken = default)
    {
        if (actor.RequireAny(Right.Supervisor, Right.Admin) is { } refused)
        {
            return refused;
        }

        var created = Product.Create(details);
        if (!created.IsSuccess)
        {
            return Result<int>.Failure(created.Errors);
        }

        var product = created.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The name check runs inside the transaction: it and the insert cannot interleave with another desk's.
        var saved = await RegisterSave.InsertAsync(
            db,
            product,
            p => Audit.Entry(actor, clock.UtcNow, ProductAudit.Created, nameof(Product), p.Id, $"Produkten {p.Name} skapades", null, Describe(p)),
            unique: null,
            cancellationToken,
            checkInside: () => NameTakenAsync(db, product.Name, exceptProductId: null, cancellationToken));
        return saved.IsSuccess ? product.Id : Result<int>.Failure(saved.Errors);
    }

    /// <param name="expectedVersion">The version the form was filled from; a newer one means someone else saved in between.</param>
    public Task<Result> UpdateAsync(StaffActor actor, int productId, int expectedVersion, ProductDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, productId, expectedVersion, ProductAudit.Updated, async (db, product) =>
        {
            if (ProductErrors.TermsLocked(product, details) is { } locked && (await ProductUsage.CountAsync(db, productId, cancellationToken)).Subscriptions > 0)
            {
                return locked;
            }

            var updated = product.Update(details);
            if (!updated.IsSuccess)
            {
                return Result<string>.Failure(updated.Errors);
            }

            return !product.IsRetired && await NameTakenAsync(db, product.Name, productId, cancellationToken) is { } taken
                ? taken
                : $"Produkten {product.Name} ändrades";
        },
        cancellationToken);

    public Task<Result> RetireAsync(StaffActor actor, int productId, int expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, productId, expectedVersion, ProductAudit.Retired, (_, product) =>
        {
            product.Retire();
            return Task.FromResult<Result<string>>($"Produkten {product.Name} sattes som utgången");
        },
        cancellationToken);

    public Task<Result> ReinstateAsync(StaffActor actor, int productId, int expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, productId, expectedVersion, ProductAudit.Reinstated, async (db, product) =>
        {
            if (await NameTakenAsync(db, product.Name, productId, cancellationToken) is { } taken)
            {
                return taken;
            }

            product.Reinstate();
            return $"Produkten {product.Name} erbjuds igen";
        },
        cancellationToken);

    /// <summary>
    /// Two offered products may not share a name (upper and lower case alike), or staff could not tell them apart in
    /// the price list, the pre-order dialogs and the wizard. A retired product's name may be used again.
    /// </summary>
    private static async Task<Error?> NameTakenAsync(BrpDbContext db, string name, int? exceptProductId, CancellationToken cancellationToken) =>
        await db.Products.AnyAsync(
            p => p.Id != exceptProductId && !p.IsRetired && EF.Functions.Collate(p.Name, SwedishCollation.Name) == name,
            cancellationToken)
            ? ProductErrors.NameTaken(name)
            : null;

    /// <summary>Deletes a product nothing refers to; one in use is refused with what uses it (retire it instead).</summary>
    public async Task<Result> DeleteAsync(StaffActor actor, int productId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadForChangeAsync(db, actor, productId, expectedVersion, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded;
        }

        var product = loaded.Value;
        var usage = await ProductUsage.CountAsync(db, productId, cancellationToken);
        if (usage.IsInUse)
        {
            return ProductErrors.InUse(usage);
        }

        db.Products.Remove(product);
        db.Entry(product).Property(p => p.Version).OriginalValue = expectedVersion;
        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, ProductAudit.Deleted, nameof(Product), product.Id, $"Produkten {product.Name} togs bort", Describe(product), null));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProductErrors.ChangedByOther;
        }
        catch (DbUpdateException)
        {
            // Something started using the product between the check and the delete (a foreign key refused it).
            return ProductErrors.InUse(await CountInNewContextAsync(productId, cancellationToken));
        }

        return Result.Success();
    }

    /// <summary>What every change to a product checks first: the right, that it exists, and the version the form was filled from.</summary>
    private static async Task<Result<Product>> LoadForChangeAsync(
        BrpDbContext db, StaffActor actor, int productId, int expectedVersion, CancellationToken cancellationToken)
    {
        if (actor.RequireAny(Right.Supervisor, Right.Admin) is { } refused)
        {
            return refused;
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null)
        {
            return ProductErrors.NotFound;
        }

        return product.Version == expectedVersion ? product : ProductErrors.ChangedByOther;
    }

    private async Task<Result> ChangeAsync(
        StaffActor actor,
        int productId,
        int expectedVersion,
        string action,
        Func<BrpDbContext, Product, Task<Result<string>>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadForChangeAsync(db, actor, productId, expectedVersion, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded;
        }

        var product = loaded.Value;
        var before = Describe(product);
        var summary = await change(db, product);
        if (!summary.IsSuccess)
        {
            return summary;
        }

        db.Entry(product).Property(p => p.Version).OriginalValue = expectedVersion;
        var audit = Audit.Entry(actor, clock.UtcNow, action, nameof(Product), product.Id, summary.Value, before, Describe(product));
        return await RegisterSave.UpdateAsync(db, audit, unique: null, cancellationToken) == RegisterSaveStatus.ChangedByOther
            ? ProductErrors.ChangedByOther
            : Result.Success();
    }

    private async Task<ProductUsage> CountInNewContextAsync(int productId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ProductUsage.CountAsync(db, productId, cancellationToken);
    }

    private static object Describe(Product product) => new
    {
        product.Name,
        Kind = product.Kind.ToString(),
        MonthlyPrice = product.MonthlyPrice.ToString(),
        product.BillingIntervalMonths,
        product.BindingMonths,
        product.NoticeMonths,
        product.IsAddOn,
        product.AllowedAsPreOrderProduct,
        product.AllowsDowngradeDuringBinding,
        FreezeRule = product.FreezeRule.ToString(),
        product.IsRetired,
    };
}
