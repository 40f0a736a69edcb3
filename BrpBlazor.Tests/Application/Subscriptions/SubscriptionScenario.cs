using System.Collections.Concurrent;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>
/// The subscription services on a real SQLite database (in memory, migrated), a fixed business date
/// (2026-03-16) and a change feed that records what was published.
/// </summary>
public sealed class SubscriptionScenario : IAsyncDisposable
{
    public static readonly DateTime SeedTime = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    private SubscriptionScenario(TestDatabase database)
    {
        Database = database;
        Operations = new SubscriptionOperations(database.Factory, Clock, Feed, database.Database);
        Billing = new BillingRuns(database.Factory, Clock, Operations);
    }

    public TestDatabase Database { get; }

    public TestClock Clock { get; } = new(TestClock.DefaultToday);

    public RecordingChangeFeed Feed { get; } = new();

    public SubscriptionOperations Operations { get; }

    public BillingRuns Billing { get; }

    public DateOnly Today => Clock.Today;

    public static async Task<SubscriptionScenario> CreateAsync() => new(await TestDatabase.CreateAsync());

    /// <summary>"Gym 12 mån" 300 kr/mån, 12 months binding, 1 month notice, freeze 7–90 days, 2 a year, fee 100 kr.</summary>
    public async Task<Product> AddProductAsync(
        string name = "Gym 12 mån", decimal price = 300, int binding = 12, int notice = 1, FreezeRule? rule = null, ProductKind kind = ProductKind.Running, bool addOn = false)
    {
        await using var db = Database.NewContext();
        var details = new ProductDetails(
            name, kind, Money.FromKronor(price), 1, binding, notice, addOn, !addOn, rule ?? new FreezeRule(7, 90, 2, Money.FromKronor(100)));
        var product = Product.Create(details).Value;
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    public async Task<Organisation> AddOrganisationAsync(string name, params (Product Product, decimal Price)[] prices)
    {
        await using var db = Database.NewContext();
        return await TestData.AddOrganisationAsync(db, name, prices);
    }

    /// <summary>A subscription started on <paramref name="start"/> (default 2026-01-01) and billed through today's period (to 2026-03-31).</summary>
    public async Task<int> AddSubscriptionAsync(
        Product product, DateOnly? start = null, Money? price = null, Organisation? organisation = null, bool billed = true, string firstName = "Per")
    {
        await using var db = Database.NewContext();
        var person = await TestData.AddPersonAsync(db, firstName, "Berg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(
            person.Id, product, price ?? product.MonthlyPrice, start ?? new DateOnly(2026, 1, 1), organisation?.Id, null, "seed", SeedTime));
        if (billed)
        {
            subscription.Bill(Today, new OperationContext(Today, product), "seed", SeedTime);
        }

        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    /// <summary>Changes a stored subscription directly (a freeze made "earlier", a cancellation), bypassing the services.</summary>
    public async Task ArrangeAsync(int subscriptionId, Action<Subscription, Product> change)
    {
        await using var db = Database.NewContext();
        var subscription = await db.Subscriptions.Include(s => s.Freezes).Include(s => s.Charges).Include(s => s.BilledPeriods).Include(s => s.ProductChanges)
            .SingleAsync(s => s.Id == subscriptionId);
        var product = await db.Products.SingleAsync(p => p.Id == subscription.ProductId);
        change(subscription, product);
        await db.SaveChangesAsync();
    }

    public async Task<LoadedSubscription> LoadAsync(int subscriptionId) =>
        (await Operations.LoadAsync(Actors.Reception, subscriptionId)).Value;

    public async Task<Subscription> StoredAsync(int subscriptionId)
    {
        await using var db = Database.NewContext();
        return await db.Subscriptions.AsNoTracking().Include(s => s.Freezes).Include(s => s.Charges).Include(s => s.BilledPeriods).Include(s => s.ProductChanges)
            .AsSplitQuery().SingleAsync(s => s.Id == subscriptionId);
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Database.NewContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>An <see cref="IChangeFeed"/> that keeps what was published.</summary>
public sealed class RecordingChangeFeed : IChangeFeed
{
    private readonly ConcurrentQueue<SubscriptionChanged> published = new();

    public IReadOnlyCollection<SubscriptionChanged> Published => published;

    public void Publish(SubscriptionChanged change) => published.Enqueue(change);

    public IDisposable SubscribeToPerson(string database, int personId, Func<SubscriptionChanged, Task> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
