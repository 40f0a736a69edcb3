using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// <c>BrpBlazor.App backup FILE</c>: a consistent copy of the SQLite database while the app keeps serving (SQLite's
/// online backup: every transaction committed before the copy finished is in it, none half). <c>BrpBlazor.App
/// restore FILE</c>: with the app stopped, checks a backup and puts it in place of the database (decision 092).
/// </summary>
public static class DatabaseCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await Console.Error.WriteLineAsync($"Usage: BrpBlazor.App {args[0]} FILE [--ConnectionStrings:Brp=...]");
            return StartupCheck.ConfigurationError;
        }

        var builder = WebApplication.CreateBuilder(AppServices.Options(args[2..]));
        AppServices.AddInstallationSettings(builder.Configuration);
        if (DatabaseLocation.Provider(builder.Configuration) == DatabaseProvider.PostgreSql)
        {
            // PostgreSQL has its own tools for this, which also work while every server keeps serving.
            await Console.Error.WriteLineAsync(
                $"BrpBlazor {args[0]}: the database is PostgreSQL; use pg_dump --format=custom and pg_restore (see the README, \"Backups on PostgreSQL\").");
            return StartupCheck.ConfigurationError;
        }

        var connectionString = DatabaseLocation.ConnectionString(builder.Configuration, builder.Environment);
        var file = Path.GetFullPath(args[1]);
        try
        {
            return args[0] == "backup" ? await BackupAsync(connectionString, file) : await RestoreAsync(connectionString, file);
        }
        catch (SqliteException e)
        {
            await Console.Error.WriteLineAsync($"BrpBlazor {args[0]} failed: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> BackupAsync(string connectionString, string target)
    {
        if (File.Exists(target))
        {
            await Console.Error.WriteLineAsync($"BrpBlazor backup: {target} exists already; choose a new file name.");
            return StartupCheck.ConfigurationError;
        }

        var partial = target + ".partial";
        File.Delete(partial);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await destination.OpenAsync();

            // One step: the copy is of one moment, whatever writers do meanwhile (they wait a moment, never fail).
            source.BackupDatabase(destination);
            await using var check = destination.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var verdict = (string?)await check.ExecuteScalarAsync();
            if (verdict != "ok")
            {
                await Console.Error.WriteLineAsync($"BrpBlazor backup: the copy failed its integrity check ({verdict}).");
                return 1;
            }
        }

        File.Move(partial, target);
        Console.WriteLine($"Backup written to {target} ({new FileInfo(target).Length} bytes).");
        return 0;
    }

    public static async Task<int> RestoreAsync(string connectionString, string backup)
    {
        if (!File.Exists(backup))
        {
            await Console.Error.WriteLineAsync($"BrpBlazor restore: {backup} does not exist.");
            return StartupCheck.ConfigurationError;
        }

        // A backup must be a BrpBlazor database that passes SQLite's own check.
        var options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite($"Data Source={backup};Mode=ReadOnly;Pooling=False").Options;
        await using (var db = new BrpDbContext(options))
        {
            var verdict = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            if (verdict is not ["ok"])
            {
                await Console.Error.WriteLineAsync($"BrpBlazor restore: {backup} failed its integrity check; nothing was changed.");
                return 1;
            }

            if (!(await db.Database.GetAppliedMigrationsAsync()).Any())
            {
                await Console.Error.WriteLineAsync($"BrpBlazor restore: {backup} is not a BrpBlazor database; nothing was changed.");
                return 1;
            }
        }

        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        using var exclusive = DatabaseLock.TryAcquire(target);
        if (exclusive is null)
        {
            await Console.Error.WriteLineAsync("BrpBlazor restore: the app is running on this database; stop it first (systemctl stop brpblazor). Nothing was changed.");
            return 1;
        }

        // The old database is kept beside it, so a wrong restore can be undone.
        if (File.Exists(target))
        {
            var keep = $"{target}.before-restore-{DateTime.SpecifyKind(File.GetLastWriteTimeUtc(target), DateTimeKind.Utc):yyyyMMddHHmmss}";
            File.Move(target, keep, overwrite: true);
            Console.WriteLine($"The database it replaces is kept as {keep}.");
        }

        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(target + suffix);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(backup, target + ".restoring", overwrite: true);
        File.Move(target + ".restoring", target);
        SqliteConnection.ClearAllPools();
        await DatabaseInitializer.MigrateAsync(new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite($"Data Source={target};Pooling=False").Options);
        Console.WriteLine($"Restored {backup} to {target}. Start the app.");
        return 0;
    }
}
