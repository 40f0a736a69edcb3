using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// A real SQLite database for one test: in memory, kept open for the test's lifetime, migrated with the
/// checked-in migrations (a model change without a migration fails here). Never EF's InMemory provider.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private TestDatabase(SqliteConnection connection)
    {
        this.connection = connection;
        Options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite(connection).Options;
        Database = new BrpDatabase("test", Options);
        Factory = new BrpDbContextFactory(Database);
    }

    public DbContextOptions<BrpDbContext> Options { get; }

    public IBrpDatabase Database { get; }

    public IDbContextFactory<BrpDbContext> Factory { get; }

    public SqliteConnection Connection => connection;

    public static async Task<TestDatabase> CreateAsync()
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        await using var db = database.Factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public BrpDbContext NewContext() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}

/// <summary>A temporary SQLite file, for tests that need two connections at once (concurrency) or WAL.</summary>
public sealed class TestDatabaseFile : IAsyncDisposable
{
    private TestDatabaseFile(string path)
    {
        Path = path;
        Database = BrpDatabase.ForConnectionString("test-file", $"Data Source={path};Pooling=False");
        Factory = new BrpDbContextFactory(Database);
    }

    public string Path { get; }

    public IBrpDatabase Database { get; }

    public IDbContextFactory<BrpDbContext> Factory { get; }

    public static async Task<TestDatabaseFile> CreateAsync()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"brp-test-{Guid.NewGuid():N}.db");
        var file = new TestDatabaseFile(path);
        await DatabaseInitializer.MigrateAsync(file.Database.Options);
        return file;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
