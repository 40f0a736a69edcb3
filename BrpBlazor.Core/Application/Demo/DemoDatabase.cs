using System.Globalization;
using BrpBlazor.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Demo;

/// <summary>
/// What demo mode does inside one sandbox database file: building the seeded template, switching a copy to WAL,
/// and the sandbox's own "today" (Demodatum) in its settings. The App's sandbox manager only handles the files.
/// </summary>
public static class DemoDatabase
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>A sandbox file as a database. Pooling is off so a reset never meets an open handle to the old file.</summary>
    public static IBrpDatabase AtPath(string name, string path) => new BrpDatabase(name, Options(path));

    /// <summary>The newest migration: a template built under older migrations is built again.</summary>
    public static string LatestMigration()
    {
        using var db = new BrpDbContext(Options(":memory:"));
        return db.Database.GetMigrations().Last();
    }

    /// <summary>Migrations, then the fixed-seed sample data, in one self-contained file (a sandbox is a plain copy of it).</summary>
    public static async Task BuildTemplateAsync(string path, CancellationToken cancellationToken = default)
    {
        var options = Options(path);
        await DatabaseInitializer.MigrateAsync(options, cancellationToken);
        await using var db = new BrpDbContext(options);
        await DemoSeed.SeedAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", cancellationToken);
    }

    /// <summary>A fresh copy of the template runs in WAL mode like the real database.</summary>
    public static void UseWriteAheadLog(IBrpDatabase database)
    {
        using var db = new BrpDbContext(database.Options);
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>The sandbox's Demodatum, or the seed's demo day when the trainer has not moved it.</summary>
    public static DateOnly ReadToday(IBrpDatabase database)
    {
        using var db = new BrpDbContext(database.Options);
        var stored = db.Settings.Where(s => s.Key == DemoSettings.TodayKey).Select(s => s.Value).FirstOrDefault();
        return stored is null ? DemoSeed.DemoToday : DateOnly.ParseExact(stored, DateFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Moves "today" in this sandbox only; the real clock is untouched.</summary>
    public static async Task WriteTodayAsync(IBrpDatabase database, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var db = new BrpDbContext(database.Options);
        var value = today.ToString(DateFormat, CultureInfo.InvariantCulture);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == DemoSettings.TodayKey, cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = DemoSettings.TodayKey, Value = value });
        }
        else
        {
            setting.Value = value;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DbContextOptions<BrpDbContext> Options(string path) =>
        new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite($"Data Source={path};Pooling=False").Options;
}
