using System.Text;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Products;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Application.Staff;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// The guarantees that must hold whatever several tablets (or servers) do at the same moment, each raced for real:
/// several calls started together on their own connections. scripts/test.sh runs them on SQLite and again on
/// PostgreSQL, where the write lock (docs/decisions/130) and not SQLite's single file makes them hold.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Tablets = 6;
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabaseFile database = default!;

    public async Task InitializeAsync() => database = await TestDatabaseFile.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task CreateProduct_SameNameFromSeveralDesksAtOnce_OneIsStored()
    {
        var results = await AllAtOnce(_ => new ProductRegister(database.Factory, clock).CreateAsync(Actors.Supervisor, TestData.MonthlyDetails("Gym Samtidigt")));

        Assert.Single(results, r => r.IsSuccess);
        await using var db = database.Factory.CreateDbContext();
        Assert.Equal(1, await db.Products.CountAsync(p => p.Name == "Gym Samtidigt"));
    }

    [Fact]
    public async Task Redeem_OnePreOrderFromSeveralTabletsAtOnce_AtMostOneSubscription()
    {
        int personId;
        int organisationId;
        int productId;
        int preOrderId;
        await using (var db = database.Factory.CreateDbContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
            var company = await TestData.AddOrganisationAsync(db, "Samtidigt AB", (gym, 299));
            var pnr = TestData.NextPersonnummer();
            personId = (await TestData.AddPersonAsync(db, "Åsa", "Öberg", pnr)).Id;
            preOrderId = (await TestData.AddPreOrderAsync(db, company, gym, new DateRange(clock.Today.AddDays(-1), clock.Today.AddMonths(1)), "Åsa Öberg", pnr)).Id;
            (organisationId, productId) = (company.Id, gym.Id);
        }

        var results = await AllAtOnce(_ => new RedeemService(database.Factory, database.Database, clock, new InProcessChangeFeed()).FinishAsync(
            Actors.Reception, personId, new RedeemRequest(organisationId, preOrderId, productId, clock.Today, true, null, null), new RedeemSettings(3, false)));

        Assert.Single(results, r => r.IsSuccess);
        // The others are told in words why not; none gets the "could not be saved" of a failure nobody expected.
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.NotEqual(RedeemErrors.SaveFailed.Code, r.FirstError!.Code));
        await using var check = database.Factory.CreateDbContext();
        Assert.Equal(1, await check.Subscriptions.CountAsync(s => s.PreOrderId == preOrderId));
    }

    [Fact]
    public async Task ConfirmImport_SameFileConfirmedOnSeveralTabletsAtOnce_StoresEachLineOnce()
    {
        int organisationId;
        int productId;
        await using (var db = database.Factory.CreateDbContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
            var company = await TestData.AddOrganisationAsync(db, "Importen AB", (gym, 299));
            (organisationId, productId) = (company.Id, gym.Id);
        }

        var file = new StringBuilder();
        for (var i = 0; i < 50; i++)
        {
            file.Append(CultureInfoFree($"Anställd Nummer{i},{TestData.NextPersonnummer().Formatted},\n"));
        }

        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var settings = new ImportSettings(organisationId, productId, new DateRange(clock.Today, clock.Today.AddMonths(1)));
        var import = new PreOrderImport(database.Factory, clock, TestSpool.Folder);
        var previews = new List<ImportPreview>();
        for (var i = 0; i < Tablets; i++)
        {
            previews.Add((await import.ParseAsync(Actors.Organisation, new MemoryStream(bytes), "anställda.csv", settings)).Value);
        }

        var results = await AllAtOnce(i => new PreOrderImport(database.Factory, clock, TestSpool.Folder).ConfirmAsync(Actors.Organisation, previews[i]));

        Assert.Contains(results, r => r.IsSuccess);
        await using var check = database.Factory.CreateDbContext();
        Assert.Equal(50, await check.PreOrders.CountAsync());
    }

    [Fact]
    public async Task Migrate_SeveralServersStartingAtOnceOnAnEmptyDatabase_AppliesEachMigrationOnce()
    {
        await using var empty = await EmptyDatabase.CreateAsync();

        await AllAtOnce(_ => DatabaseInitializer.MigrateAsync(empty.Options).ContinueWith(t => t.IsCompletedSuccessfully ? 1 : throw t.Exception!.InnerException!, TaskScheduler.Default));

        await using var db = new BrpDbContext(empty.Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations().Count(), applied.Count);
        Assert.Equal(applied.Count, applied.Distinct().Count());
    }

    [Fact]
    public async Task FirstAdministrator_CreatedFromSeveralTabletsAtOnce_OnlyOneExists()
    {
        await using var app = new AppFactory();
        app.Start();

        var results = await AllAtOnce(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateFirstAdministratorAsync($"Admin {i}", $"admin{i}", AppFactory.Password);
        });

        Assert.Single(results, r => r.IsSuccess);
        await using var db = app.NewContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    private static string CultureInfoFree(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Starts <see cref="Tablets"/> calls together (each on its own thread and connection) and waits for all.</summary>
    private static async Task<T[]> AllAtOnce<T>(Func<int, Task<T>> call)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Tablets).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await call(i);
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    /// <summary>A database with no tables yet, on the run's provider.</summary>
    private sealed class EmptyDatabase : IAsyncDisposable
    {
        private readonly TestPostgres.Database? postgres;
        private readonly string? path;

        private EmptyDatabase(DbContextOptions<BrpDbContext> options, TestPostgres.Database? postgres, string? path)
        {
            Options = options;
            this.postgres = postgres;
            this.path = path;
        }

        public DbContextOptions<BrpDbContext> Options { get; }

        public static async Task<EmptyDatabase> CreateAsync()
        {
            if (TestDatabases.Provider == DatabaseProvider.PostgreSql)
            {
                var postgres = await TestPostgres.CreateEmptyDatabaseAsync();
                return new EmptyDatabase(BrpDatabase.For(DatabaseProvider.PostgreSql, "empty", postgres.ConnectionString).Options, postgres, null);
            }

            var path = Path.Combine(Path.GetTempPath(), $"brp-empty-{Guid.NewGuid():N}.db");
            return new EmptyDatabase(BrpDatabase.ForConnectionString("empty", $"Data Source={path};Pooling=False").Options, null, path);
        }

        public async ValueTask DisposeAsync()
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            if (path is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
            }
        }
    }
}
