using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>The products and organisations the benchmarks' pre-orders and subscriptions refer to.</summary>
public static class Registers
{
    private static int organisationSerial;

    public static Product Gym(string name = "Gym 12 mån autogiro", decimal price = 349) =>
        Product.Create(new ProductDetails(
            name, ProductKind.Running, Money.FromKronor(price), 1, 12, 1, false, true, new FreezeRule(7, 90, 2, Money.FromKronor(100)))).Value;

    public static async Task<Product> AddProductAsync(BrpDbContext db, string name, decimal price)
    {
        var product = Gym(name, price);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    public static async Task<Organisation> AddOrganisationAsync(BrpDbContext db, string name, params (Product Product, decimal Price)[] prices)
    {
        var nine = $"556{Interlocked.Increment(ref organisationSerial):D6}";
        var organisation = Organisation.Create(new OrganisationDetails(name, Organisationsnummer.Parse(nine + Luhn.CheckDigit(nine)), null, true)).Value;
        foreach (var (product, price) in prices)
        {
            organisation.SetPrice(product, Money.FromKronor(price));
        }

        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }
}
