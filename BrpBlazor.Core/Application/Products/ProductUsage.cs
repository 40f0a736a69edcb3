using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Products;

/// <summary>What refers to a product. Anything at all means it cannot be deleted, only retired.</summary>
/// <param name="Subscriptions">Subscriptions on the product, or upgraded from or to it.</param>
/// <param name="PreOrders">Pre-orders (and pre-order imports) for it, whatever their status.</param>
/// <param name="PriceLists">Organisations with it on their price list.</param>
public sealed record ProductUsage(int Subscriptions, int PreOrders, int PriceLists)
{
    public bool IsInUse => Subscriptions + PreOrders + PriceLists > 0;

    /// <summary>"3 abonnemang, 1 förbeställning och 2 prislistor".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Subscriptions > 0)
        {
            parts.Add($"{Subscriptions} abonnemang");
        }

        if (PreOrders > 0)
        {
            parts.Add(PreOrders == 1 ? "1 förbeställning" : $"{PreOrders} förbeställningar");
        }

        if (PriceLists > 0)
        {
            parts.Add(PriceLists == 1 ? "1 organisations prislista" : $"{PriceLists} organisationers prislistor");
        }

        return parts.Count <= 1 ? string.Concat(parts) : $"{string.Join(", ", parts[..^1])} och {parts[^1]}";
    }

    public static async Task<ProductUsage> CountAsync(BrpDbContext db, int productId, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.CountAsync(s => s.ProductId == productId, cancellationToken)
            + await db.ProductChanges.CountAsync(c => c.FromProductId == productId || c.ToProductId == productId, cancellationToken);
        var preOrders = await db.PreOrders.CountAsync(p => p.ProductId == productId, cancellationToken)
            + await db.ImportBatches.CountAsync(b => b.ProductId == productId, cancellationToken);
        var priceLists = await db.Set<Domain.Organisations.PriceListEntry>().CountAsync(e => e.ProductId == productId, cancellationToken);
        return new ProductUsage(subscriptions, preOrders, priceLists);
    }
}

public static class ProductErrors
{
    public static readonly Error NotFound = new("product.notfound", "Produkten finns inte");
    public static readonly Error ChangedByOther = new("product.concurrency", "Någon annan har ändrat produkten medan du arbetade. Ladda om sidan och gör ändringen igen.");

    public static Error NameTaken(string name) => new(ProductCodes.Name, $"Det finns redan en produkt som heter {name}. Välj ett annat namn.");

    public static Error InUse(ProductUsage usage) => new(
        "product.inuse",
        $"Produkten används av {usage.Describe()} och kan inte tas bort. Sätt den som utgången i stället, så erbjuds den inte längre.");

    /// <summary>
    /// Subscriptions keep the terms they were sold on: kind, billing interval, binding and notice of a product
    /// with subscriptions cannot change. Null when <paramref name="details"/> keeps them.
    /// </summary>
    public static Error? TermsLocked(Product product, ProductDetails details) =>
        product.Kind == details.Kind
        && product.BillingIntervalMonths == details.BillingIntervalMonths
        && product.BindingMonths == details.BindingMonths
        && product.NoticeMonths == details.NoticeMonths
            ? null
            : new Error(
                "product.terms",
                "Produkten har abonnemang, så typ, debiteringsintervall, bindningstid och uppsägningstid kan inte ändras. Skapa en ny produkt och sätt den här som utgången.");
}
