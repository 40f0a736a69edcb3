using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>Builders for the registers, stored through a real context.</summary>
public static class TestData
{
    private static int organisationSerial = 100;
    private static int personSerial = 100;

    public static ProductDetails MonthlyDetails(string name = "Gym 12 mån autogiro", decimal price = 100, int binding = 12, int notice = 1, FreezeRule? rule = null) =>
        new(name, ProductKind.Running, Money.FromKronor(price), 1, binding, notice, false, true, rule ?? new FreezeRule(7, 90, 2, Money.FromKronor(100)));

    public static Product Product(string name = "Gym 12 mån autogiro", decimal price = 100, int binding = 12, int notice = 1, FreezeRule? rule = null) =>
        Core.Domain.Products.Product.Create(MonthlyDetails(name, price, binding, notice, rule)).Value;

    public static async Task<Product> AddProductAsync(BrpDbContext db, string name = "Gym 12 mån autogiro", decimal price = 100, int binding = 12, FreezeRule? rule = null)
    {
        var product = Product(name, price, binding, rule: rule);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    /// <summary>A valid organisationsnummer that no other test uses.</summary>
    public static Organisationsnummer NextOrganisationsnummer()
    {
        var serial = Interlocked.Increment(ref organisationSerial);
        var nine = $"556{serial:D6}";
        return Organisationsnummer.Parse(nine + Luhn.CheckDigit(nine));
    }

    public static async Task<Organisation> AddOrganisationAsync(BrpDbContext db, string name, params (Product Product, decimal Price)[] prices)
    {
        var organisation = Organisation.Create(new OrganisationDetails(name, NextOrganisationsnummer(), null, true)).Value;
        foreach (var (product, price) in prices)
        {
            organisation.SetPrice(product, Money.FromKronor(price));
        }

        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>A valid personnummer that no other test uses.</summary>
    public static Personnummer NextPersonnummer(DateOnly? birthDate = null)
    {
        // 999 serials a day: once the run has used them, the default birth date moves on a day, so a test process that
        // creates thousands of people (the tours do) never makes the same number twice.
        var next = Interlocked.Increment(ref personSerial);
        var serial = (next % 999) + 1;
        return Personnummer.FromParts(birthDate ?? new DateOnly(1985, 3, 14).AddDays(next / 999), serial);
    }

    public static async Task<Person> AddPersonAsync(BrpDbContext db, string firstName, string lastName, Personnummer? personnummer = null, DateOnly? birthDate = null)
    {
        var person = Person.Create(
            new PersonDetails(firstName, lastName, personnummer, birthDate ?? default, null, null),
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Value;
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    public static async Task<PreOrder> AddPreOrderAsync(
        BrpDbContext db, Organisation organisation, Product product, DateRange validity, string name, Personnummer? personnummer, DateOnly? birthDate = null)
    {
        var preOrder = PreOrder.Create(
            new PreOrderDraft(organisation.Id, product.Id, validity, name, personnummer, birthDate ?? default, null),
            "test", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        db.PreOrders.Add(preOrder);
        await db.SaveChangesAsync();
        return preOrder;
    }

    /// <summary>The subscription of domain.md §7: monthly, start 2014-01-01, bound to 2014-12-31, billed to 2014-06-30, 100 kr/month.</summary>
    public static Subscription WorkedExample(Product product, int personId = 1) =>
        Subscription.Create(new SubscriptionStart(
            personId, product, Money.FromKronor(100), new DateOnly(2014, 1, 1), null, null, "test",
            new DateTime(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc), BilledUntil: new DateOnly(2014, 6, 30)));
}
