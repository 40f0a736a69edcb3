using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// A real database for one test, migrated with the checked-in migrations (a model change without a migration fails
/// here). Never EF's InMemory provider. SQLite by default: in memory, kept open for the test's lifetime. With
/// <c>BRP_TEST_DATABASE=PostgreSql</c> (scripts/test.sh runs the database tests a second time so) a new PostgreSQL
/// database of its own on the cluster <see cref="TestPostgres"/> names.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? connection;
    private readonly TestPostgres.Database? postgres;

    private TestDatabase(SqliteConnection connection)
    {
        this.connection = connection;
        Options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite(connection).Options;
        Database = new BrpDatabase("test", Options);
        Factory = new BrpDbContextFactory(Database);
    }

    private TestDatabase(TestPostgres.Database postgres)
    {
        this.postgres = postgres;
        Database = BrpDatabase.For(DatabaseProvider.PostgreSql, "test", postgres.ConnectionString);
        Options = Database.Options;
        Factory = new BrpDbContextFactory(Database);
    }

    public DbContextOptions<BrpDbContext> Options { get; }

    public IBrpDatabase Database { get; }

    public IDbContextFactory<BrpDbContext> Factory { get; }

    /// <summary>The open in-memory SQLite connection, for the few tests about SQLite itself.</summary>
    public SqliteConnection Connection => connection ?? throw new InvalidOperationException("This test is about SQLite: mark it [Trait(\"Database\", \"SqliteOnly\")].");

    public static DatabaseProvider Provider => TestDatabases.Provider;

    public static async Task<TestDatabase> CreateAsync()
    {
        if (TestDatabases.Provider == DatabaseProvider.PostgreSql)
        {
            return new TestDatabase(await TestPostgres.CreateDatabaseAsync());
        }

        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        await using var db = database.Factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public BrpDbContext NewContext() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}

/// <summary>
/// A database that several connections use at once (concurrency tests): a temporary SQLite file in WAL mode, or with
/// <c>BRP_TEST_DATABASE=PostgreSql</c> a PostgreSQL database of its own.
/// </summary>
public sealed class TestDatabaseFile : IAsyncDisposable
{
    private readonly TestPostgres.Database? postgres;

    private TestDatabaseFile(string path)
    {
        Path = path;
        Database = BrpDatabase.ForConnectionString("test-file", $"Data Source={path};Pooling=False");
        Factory = new BrpDbContextFactory(Database);
    }

    private TestDatabaseFile(TestPostgres.Database postgres)
    {
        this.postgres = postgres;
        Path = string.Empty;
        Database = BrpDatabase.For(DatabaseProvider.PostgreSql, "test-file", postgres.ConnectionString);
        Factory = new BrpDbContextFactory(Database);
    }

    /// <summary>The SQLite file (empty on PostgreSQL).</summary>
    public string Path { get; }

    public IBrpDatabase Database { get; }

    public IDbContextFactory<BrpDbContext> Factory { get; }

    public static async Task<TestDatabaseFile> CreateAsync()
    {
        if (TestDatabases.Provider == DatabaseProvider.PostgreSql)
        {
            return new TestDatabaseFile(await TestPostgres.CreateDatabaseAsync());
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"brp-test-{Guid.NewGuid():N}.db");
        var file = new TestDatabaseFile(path);
        await DatabaseInitializer.MigrateAsync(file.Database.Options);
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}

/// <summary>Which database the data tests run on in this test run (BRP_TEST_DATABASE, default SQLite).</summary>
public static class TestDatabases
{
    public static DatabaseProvider Provider { get; } =
        DatabaseProviders.Parse(Environment.GetEnvironmentVariable("BRP_TEST_DATABASE"))
        ?? throw new InvalidOperationException("BRP_TEST_DATABASE is Sqlite or PostgreSql.");
}

/// <summary>
/// The PostgreSQL cluster the tests use: <c>BRP_TEST_POSTGRES</c>, a connection string to its maintenance database
/// (scripts/postgres-test-cluster.sh starts a throwaway one). A test that needs PostgreSQL and finds none fails.
/// Each test gets a new database copied from a template migrated once per test run.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BRP_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                "This test needs PostgreSQL: set BRP_TEST_POSTGRES (scripts/test.sh starts a throwaway cluster with scripts/postgres-test-cluster.sh).");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ToString();

    /// <summary>A new, migrated, empty database.</summary>
    public static async Task<Database> CreateDatabaseAsync()
    {
        var source = await TemplateAsync();
        var name = $"brp_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        return new Database(name, ConnectionStringFor(name));
    }

    /// <summary>A new database with nothing in it (not migrated): for start-up and migration tests.</summary>
    public static async Task<Database> CreateEmptyDatabaseAsync()
    {
        var name = $"brp_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new Database(name, ConnectionStringFor(name));
    }

    /// <summary>Closes the idle pooled connections of a database: the tests' own pool and the app's (decision 147).</summary>
    public static void ClearPools(string connectionString)
    {
        foreach (var pooled in new[] { connectionString, DatabaseProviders.WithAutoPrepare(connectionString) })
        {
            using var connection = new NpgsqlConnection(pooled);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    public static async Task ExecuteAsync(string sql, string? database = null)
    {
        await using var connection = new NpgsqlConnection(database is null ? ServerConnectionString : ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> TemplateAsync()
    {
        if (template is not null)
        {
            return template;
        }

        await TemplateGate.WaitAsync();
        try
        {
            if (template is null)
            {
                var name = $"brp_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
                await ExecuteAsync($"CREATE DATABASE \"{name}\"");
                var connectionString = ConnectionStringFor(name);
                await DatabaseInitializer.MigrateAsync(BrpDatabase.For(DatabaseProvider.PostgreSql, "template", connectionString).Options);
                // No connection may stay open on a template: neither the plain pool nor the app's (auto-prepare) one.
                ClearPools(connectionString);
                template = name;
            }

            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public sealed class Database(string name, string connectionString) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public string ConnectionString { get; } = connectionString;

        public async ValueTask DisposeAsync()
        {
            ClearPools(ConnectionString);
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
    }
}
