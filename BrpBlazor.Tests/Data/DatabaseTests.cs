using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Data;

/// <summary>The data layer on real SQLite: migrations, value conversions, indexes, concurrency.</summary>
public class DatabaseTests
{
    private static readonly DateTime Now = new(2026, 3, 16, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task Migrations_ApplyToAnEmptyFile()
    {
        await using var file = await TestDatabaseFile.CreateAsync();
        await using var db = file.Factory.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(await db.People.AnyAsync());
        var journal = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        Assert.Equal("wal", journal.Single());
    }

    [Fact]
    public async Task Model_HasNoChangesMissingFromTheMigrations()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task ValueObjects_RoundTrip()
    {
        await using var database = await TestDatabase.CreateAsync();
        var pnr = Personnummer.FromParts(new DateOnly(1973, 2, 28), 993, samordningsnummer: true);
        int personId, organisationId, productId, preOrderId;
        await using (var db = database.NewContext())
        {
            var product = Product.Create(new ProductDetails("Gym Guld", ProductKind.FixedTerm, new Money(54950), 3, 3, 0, false, true, new FreezeRule(14, 60, 2, Money.FromKronor(125)))).Value;
            db.Products.Add(product);
            await db.SaveChangesAsync();
            var organisation = Organisation.Create(new OrganisationDetails("Åkesson & Öberg AB", Organisationsnummer.Parse("556036-0793"), null, true)).Value;
            organisation.SetPrice(product, new Money(44950));
            db.Organisations.Add(organisation);
            var person = Person.Create(new PersonDetails("Åsa", "Öberg", pnr, default, "asa@exempel.se", "070-1"), Now).Value;
            db.People.Add(person);
            await db.SaveChangesAsync();
            var preOrder = PreOrder.Create(new PreOrderDraft(organisation.Id, product.Id, new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), "Åsa Öberg", null, new DateOnly(1973, 2, 28), null), "staff", Now);
            db.PreOrders.Add(preOrder);
            await db.SaveChangesAsync();
            (personId, organisationId, productId, preOrderId) = (person.Id, organisation.Id, product.Id, preOrder.Id);
        }

        await using (var db = database.NewContext())
        {
            var person = await db.People.SingleAsync(p => p.Id == personId);
            Assert.Equal(pnr, person.Personnummer);
            Assert.True(person.Personnummer!.Value.IsSamordningsnummer);
            Assert.Equal(new DateOnly(1973, 2, 28), person.BirthDate);
            var organisation = await db.Organisations.Include(o => o.PriceList).SingleAsync(o => o.Id == organisationId);
            Assert.Equal("5560360793", organisation.Organisationsnummer.Value);
            Assert.Equal(new Money(44950), organisation.PriceFor(productId)!.MonthlyPrice);
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            Assert.Equal(new FreezeRule(14, 60, 2, Money.FromKronor(125)), product.FreezeRule);
            Assert.Equal(ProductKind.FixedTerm, product.Kind);
            Assert.Equal(new Money(54950), product.MonthlyPrice);
            var preOrder = await db.PreOrders.SingleAsync(p => p.Id == preOrderId);
            Assert.Equal(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), preOrder.Validity);
            Assert.Null(preOrder.Personnummer);
            Assert.Equal("åsa öberg", preOrder.NameKey);
        }

        await using (var db = database.NewContext())
        {
            // Stored as 12 digits, öre as integers, enums as strings.
            var raw = await db.Database.SqlQueryRaw<string>("SELECT \"Personnummer\" AS \"Value\" FROM \"People\"").SingleAsync();
            Assert.Equal(pnr.Value, raw);
            var kind = await db.Database.SqlQueryRaw<string>("SELECT \"Kind\" AS \"Value\" FROM \"Products\"").SingleAsync();
            Assert.Equal("FixedTerm", kind);
            var price = await db.Database.SqlQueryRaw<long>("SELECT \"MonthlyPrice\" AS \"Value\" FROM \"Products\"").SingleAsync();
            Assert.Equal(54950, price);
        }
    }

    [Fact]
    public async Task Subscription_WithFreezesAndCharges_RoundTrips()
    {
        await using var database = await TestDatabase.CreateAsync();
        int subscriptionId;
        await using (var db = database.NewContext())
        {
            var product = await TestData.AddProductAsync(db);
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = TestData.WorkedExample(product, person.Id);
            subscription.Freeze(new FreezeRequest(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31), "Resa"), new OperationContext(new DateOnly(2014, 4, 15), product), "staff", Now);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            subscriptionId = subscription.Id;
        }

        await using (var db = database.NewContext())
        {
            var subscription = await db.Subscriptions.Include(s => s.Freezes).Include(s => s.Charges).SingleAsync(s => s.Id == subscriptionId);
            Assert.Equal(new DateOnly(2015, 1, 31), subscription.BoundUntil);
            Assert.Equal(new DateOnly(2014, 7, 31), subscription.BilledUntil);
            Assert.Equal(new DateRange(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31)), subscription.Freezes.Single().Range);
            Assert.Equal(31, subscription.SavedDays);
            Assert.Equal(ChargeKind.FreezeFee, subscription.Charges.Single().Kind);
            Assert.Same(subscription.Freezes.Single(), subscription.Charges.Single().Freeze);
            Assert.Equal(1, subscription.Version);
        }
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task PreOrderByPersonnummer_UsesItsIndex()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var pnr = TestData.NextPersonnummer();

        var sql = db.PreOrders.Where(p => p.Personnummer == pnr).ToQueryString();
        var plan = await ExplainAsync(database.Connection, sql);

        Assert.Contains("USING INDEX IX_PreOrders_Personnummer", plan, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Personnummer_IsUnique()
    {
        await using var database = await TestDatabase.CreateAsync();
        var pnr = TestData.NextPersonnummer();
        await using (var db = database.NewContext())
        {
            await TestData.AddPersonAsync(db, "Anna", "Ek", pnr);
        }

        await using (var db = database.NewContext())
        {
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => TestData.AddPersonAsync(db, "Anna", "Ekström", pnr));
            Assert.True(DatabaseFailures.IsUniqueViolation(ex, "People", "Personnummer"));
            Assert.DoesNotContain(pnr.Value, ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subscription_StaleVersion_IsRefused()
    {
        await using var file = await TestDatabaseFile.CreateAsync();
        int subscriptionId;
        Product product;
        await using (var db = file.Factory.CreateDbContext())
        {
            product = await TestData.AddProductAsync(db);
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = TestData.WorkedExample(product, person.Id);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            subscriptionId = subscription.Id;
        }

        // Two tablets load the same subscription; both freeze it.
        await using var first = file.Factory.CreateDbContext();
        await using var second = file.Factory.CreateDbContext();
        var a = await first.Subscriptions.Include(s => s.Freezes).SingleAsync(s => s.Id == subscriptionId);
        var b = await second.Subscriptions.Include(s => s.Freezes).SingleAsync(s => s.Id == subscriptionId);
        a.Freeze(new FreezeRequest(new DateOnly(2014, 5, 1), new DateOnly(2014, 5, 31), null), new OperationContext(new DateOnly(2014, 4, 15), product), "a", Now);
        b.Freeze(new FreezeRequest(new DateOnly(2014, 5, 10), new DateOnly(2014, 5, 31), null), new OperationContext(new DateOnly(2014, 4, 15), product), "b", Now);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = file.Factory.CreateDbContext();
        Assert.Equal(1, await check.Freezes.CountAsync());
    }

    private static async Task<string> ExplainAsync(SqliteConnection connection, string sql)
    {
        // ToQueryString declares parameters as .param set lines; keep the SELECT and bind a value.
        var select = sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + select;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(select, "@[A-Za-z_0-9]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, "198503142345");
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }
}
