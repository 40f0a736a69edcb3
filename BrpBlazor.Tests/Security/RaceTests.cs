using System.Data.Common;
using System.Text;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// Races found in reading (issue 14 point 12): another tablet's save between a check and the insert, a busy
/// database, and a save refused for another reason than the pre-order being taken (docs/decisions/063, 064).
/// Each runs on a SQLite file with a one-second busy timeout, or (BRP_TEST_DATABASE=PostgreSql) on a PostgreSQL
/// database whose write lock is waited for one second, so a held lock ends quickly. The other tablet writes on its
/// own connection as the app does: on PostgreSQL it takes the write lock first (PostgreSqlWriteLock).
/// </summary>
public sealed class RaceTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private readonly SwitchOffPreOrdersAfterTargetCheck interceptor = new();
    private string path = default!;
    private TestPostgres.Database? postgres;
    private IBrpDatabase database = default!;
    private BrpDbContextFactory factory = default!;

    private static bool OnPostgreSql => TestDatabases.Provider == DatabaseProvider.PostgreSql;

    private string ConnectionString => postgres?.ConnectionString ?? $"Data Source={path};Pooling=False;Default Timeout=1";

    public async Task InitializeAsync()
    {
        DbContextOptions<BrpDbContext> options;
        if (OnPostgreSql)
        {
            postgres = await TestPostgres.CreateDatabaseAsync();
            options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpPostgreSql(ConnectionString, writeLockWaitSeconds: 1).AddInterceptors(interceptor).Options;
        }
        else
        {
            path = Path.Combine(Path.GetTempPath(), $"brp-race-{Guid.NewGuid():N}.db");
            options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite(ConnectionString).AddInterceptors(interceptor).Options;
        }

        database = new BrpDatabase($"race-{Guid.NewGuid():N}", options);
        factory = new BrpDbContextFactory(database);
        await DatabaseInitializer.MigrateAsync(options);
        interceptor.ConnectionString = ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task CreatePreOrder_OrganisationStopsUsingPreOrdersRightAfterTheTargetCheck_NeverStoresAPreOrderItNoLongerAllows()
    {
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        interceptor.Arm(organisationId);

        var result = await new PreOrderCommands(factory, clock).CreateAsync(
            Actors.Organisation,
            new CreatePreOrderRequest(organisationId, productId, clock.Today, clock.Today.AddMonths(1), "Åsa Öberg", TestData.NextPersonnummer().Formatted, null));

        Assert.True(interceptor.Fired);
        await using var db = factory.CreateDbContext();
        var usesPreOrders = (await db.Organisations.SingleAsync(o => o.Id == organisationId)).UsesPreOrders;
        var stored = await db.PreOrders.CountAsync();
        // Either the switch waited for the insert's transaction (and lost), or the insert saw it: never both saved.
        Assert.False(stored > 0 && !usesPreOrders, $"A pre-order was stored for an organisation that had switched pre-orders off (result: {result.FirstError})");
        Assert.Equal(result.IsSuccess, stored == 1);
    }

    [Fact]
    public async Task ConfirmImport_OrganisationStopsUsingPreOrdersRightAfterTheTargetCheck_NeverStoresPreOrdersItNoLongerAllows()
    {
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        var import = new PreOrderImport(factory, clock, TestSpool.Folder);
        var settings = new ImportSettings(organisationId, productId, new DateRange(clock.Today, clock.Today.AddMonths(1)));
        var preview = (await import.ParseAsync(
            Actors.Organisation, new MemoryStream(Encoding.UTF8.GetBytes($"Åsa Öberg,{TestData.NextPersonnummer().Formatted},\n")), "a.csv", settings)).Value;
        interceptor.Arm(organisationId);

        var result = await import.ConfirmAsync(Actors.Organisation, preview);

        Assert.True(interceptor.Fired);
        await using var db = factory.CreateDbContext();
        var usesPreOrders = (await db.Organisations.SingleAsync(o => o.Id == organisationId)).UsesPreOrders;
        var stored = await db.PreOrders.CountAsync();
        Assert.False(stored > 0 && !usesPreOrders, $"Pre-orders were stored for an organisation that had switched pre-orders off (result: {result.FirstError})");
        Assert.Equal(result.IsSuccess, stored == 1);
    }

    [Fact]
    public async Task Freeze_WhileAnotherWriterHoldsTheDatabase_ReturnsTryAgainInsteadOfThrowing()
    {
        var (operations, subscriptionId) = await ArrangeSubscriptionAsync();
        var loaded = (await operations.LoadAsync(Actors.Reception, subscriptionId)).Value;
        var request = new FreezeRequest(clock.Today.AddDays(7), clock.Today.AddDays(20), "Resa");
        var preview = loaded.PreviewFreeze(request, Actors.Reception);

        await using var other = await HoldWriteLockAsync();
        var result = await operations.FreezeAsync(Actors.Reception, subscriptionId, request, null, preview);

        Assert.Equal(OperationErrors.Busy.Code, result.FirstError?.Code);
        Assert.Contains("försök igen", result.FirstError!.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Redeem_SaveRefusedForAnotherReason_IsNotReportedAsRedeemedByAnotherTablet()
    {
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        int personId;
        await using (var db = factory.CreateDbContext())
        {
            personId = (await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer())).Id;
            // Any refusal that is not the pre-order's unique index: here the audit insert is aborted.
            await db.Database.ExecuteSqlRawAsync(OnPostgreSql
                ? """
                  CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                  """
                : "CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        }

        var service = new RedeemService(factory, database, clock, new InProcessChangeFeed());
        var result = await service.FinishAsync(
            Actors.Reception, personId, new RedeemRequest(organisationId, null, productId, clock.Today, true, null, null), new RedeemSettings(3, false));

        Assert.Equal(RedeemErrors.SaveFailed.Code, result.FirstError?.Code);
        Assert.NotEqual(RedeemErrors.AlreadyRedeemedByOther.Code, result.FirstError?.Code);
        await using var check = factory.CreateDbContext();
        Assert.Equal(0, await check.Subscriptions.CountAsync());
    }

    [Fact]
    public async Task Redeem_WhileAnotherWriterHoldsTheDatabase_ReturnsTryAgainInsteadOfThrowing()
    {
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        int personId;
        await using (var db = factory.CreateDbContext())
        {
            personId = (await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer())).Id;
        }

        var service = new RedeemService(factory, database, clock, new InProcessChangeFeed());
        await using var other = await HoldWriteLockAsync();
        var result = await service.FinishAsync(
            Actors.Reception, personId, new RedeemRequest(organisationId, null, productId, clock.Today, true, null, null), new RedeemSettings(3, false));

        Assert.Equal(RedeemErrors.Busy.Code, result.FirstError?.Code);
        Assert.Contains("försök igen", result.FirstError!.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Redeem_SamePreOrderByTwoTablets_SecondIsToldItWasRedeemedElsewhere()
    {
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        int first;
        int second;
        int preOrderId;
        await using (var db = factory.CreateDbContext())
        {
            var pnr = TestData.NextPersonnummer();
            first = (await TestData.AddPersonAsync(db, "Åsa", "Öberg", pnr)).Id;
            second = (await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer())).Id;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            preOrderId = (await TestData.AddPreOrderAsync(db, organisation, product, new DateRange(clock.Today.AddDays(-1), clock.Today.AddMonths(1)), "Åsa Öberg", pnr)).Id;
        }

        var service = new RedeemService(factory, database, clock, new InProcessChangeFeed());
        var won = await service.FinishAsync(Actors.Reception, first, new RedeemRequest(organisationId, preOrderId, productId, clock.Today, true, null, null), new RedeemSettings(3, false));
        await using (var db = factory.CreateDbContext())
        {
            // The second tablet's subscription for the same pre-order meets the unique index, as in a true race.
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            db.Subscriptions.Add(Subscription.Create(new SubscriptionStart(second, product, Money.FromKronor(299), clock.Today, organisationId, preOrderId, "test", clock.UtcNow)));
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseFailures.IsUniqueViolation(e, "Subscriptions", "PreOrderId"));
        }

        Assert.True(won.IsSuccess, won.FirstError?.Message);
    }

    /// <summary>Another writer in the middle of its transaction: SQLite's file lock, or PostgreSQL's write lock.</summary>
    private async Task<DbConnection> HoldWriteLockAsync()
    {
        DbConnection other = OnPostgreSql ? new Npgsql.NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await other.OpenAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = OnPostgreSql ? "BEGIN; " + PostgreSqlWriteLock.TakeSql(1) : "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return other;
    }

    private async Task<(int OrganisationId, int ProductId)> ArrangeOrganisationAsync()
    {
        await using var db = factory.CreateDbContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        return (company.Id, gym.Id);
    }

    private async Task<(SubscriptionOperations Operations, int SubscriptionId)> ArrangeSubscriptionAsync()
    {
        await using var db = factory.CreateDbContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(
            person.Id, gym, Money.FromKronor(399), clock.Today.AddMonths(-2), null, null, "test", clock.UtcNow, BilledUntil: clock.Today.AddMonths(1)));
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return (new SubscriptionOperations(factory, clock, new InProcessChangeFeed(), database), subscription.Id);
    }

    /// <summary>
    /// Plays the other tablet: right after the pre-order target check has read the organisation, a supervisor
    /// switches Använd förbeställningar off on their own connection (and gives up when the database is locked).
    /// </summary>
    private sealed class SwitchOffPreOrdersAfterTargetCheck : DbCommandInterceptor
    {
        private int? organisationId;

        public string ConnectionString { get; set; } = string.Empty;

        public bool Fired { get; private set; }

        public void Arm(int id) => organisationId = id;

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (organisationId is { } id && command.CommandText.Contains("\"UsesPreOrders\"", StringComparison.Ordinal)
                && command.CommandText.Contains("FROM \"Organisations\"", StringComparison.Ordinal))
            {
                organisationId = null;
                Fired = true;
                SwitchOff(id);
            }

            return ValueTask.FromResult(result);
        }

        private void SwitchOff(int id)
        {
            using DbConnection connection = OnPostgreSql ? new Npgsql.NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = OnPostgreSql
                ? $"BEGIN; {PostgreSqlWriteLock.TakeSql(1)} UPDATE \"Organisations\" SET \"UsesPreOrders\" = false WHERE \"Id\" = {id}; COMMIT;"
                : $"UPDATE Organisations SET UsesPreOrders = 0 WHERE Id = {id};";
            try
            {
                update.ExecuteNonQuery();
            }
            catch (DbException e) when (DatabaseFailures.IsBusy(e))
            {
                // The insert's transaction holds the write lock: the supervisor's save waits its turn (here: gives up).
            }
        }
    }
}
