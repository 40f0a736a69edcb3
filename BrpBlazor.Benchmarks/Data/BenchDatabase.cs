using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>
/// A fresh SQLite file with the app's migrations applied (WAL, as the app runs it), used the way the app uses its
/// database: options built once, one short-lived context per operation through <see cref="BrpDbContextFactory"/>.
/// </summary>
public sealed class BenchDatabase : IDisposable
{
    private BenchDatabase(string path, IInterceptor[] interceptors)
    {
        FilePath = path;
        ConnectionString = $"Data Source={path}";
        var builder = new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite(ConnectionString);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        Options = builder.Options;
        Database = new BrpDatabase("bench", Options);
        Factory = new BrpDbContextFactory(Database);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public DbContextOptions<BrpDbContext> Options { get; }

    public BrpDatabase Database { get; }

    public IDbContextFactory<BrpDbContext> Factory { get; }

    public static async Task<BenchDatabase> CreateAsync(string folder, string name, params IInterceptor[] interceptors)
    {
        var database = new BenchDatabase(System.IO.Path.Combine(folder, name + ".db"), interceptors);
        Delete(database.FilePath);
        await DatabaseInitializer.MigrateAsync(database.Options);
        return database;
    }

    /// <summary>A copy of a closed database file (faster than migrating again), e.g. a migrated and seeded template.</summary>
    public static BenchDatabase CopyOf(BenchDatabase template, string name, params IInterceptor[] interceptors)
    {
        template.Close();
        var database = new BenchDatabase(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(template.FilePath)!, name + ".db"), interceptors);
        Delete(database.FilePath);
        File.Copy(template.FilePath, database.FilePath);
        return database;
    }

    public BrpDbContext NewContext() => new(Options);

    /// <summary>Closes pooled connections, so the WAL is checkpointed into the file and it can be copied or read by sqlite3.</summary>
    public void Close()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public long FileBytes() => File.Exists(FilePath) ? new FileInfo(FilePath).Length : 0;

    public void Dispose()
    {
        Close();
        Delete(FilePath);
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
