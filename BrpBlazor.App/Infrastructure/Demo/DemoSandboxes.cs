using System.Collections.Concurrent;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>
/// Demo mode's databases: one seeded template, and a copy of it per browser session (sandbox), so a room of
/// trainees never step on each other. Sandboxes live in their own folder; the real database is never opened.
/// </summary>
public sealed class DemoSandboxes(string folder, TimeProvider timeProvider, ILogger<DemoSandboxes> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, SandboxInfo> sandboxes = new();
    private readonly SemaphoreSlim templateLock = new(1, 1);
    private bool templateReady;

    public string Folder { get; } = folder;

    /// <summary>The template is reused across restarts while the sample data and the migrations are the same.</summary>
    public string TemplatePath
    {
        get
        {
            using var db = new BrpDbContext(Options(":memory:"));
            var migration = db.Database.GetMigrations().Last();
            return Path.Combine(Folder, $"template-v{DemoSeed.Version}-{migration}.db");
        }
    }

    /// <summary>Builds the template once: migrations, then the fixed-seed sample data, in one self-contained file.</summary>
    public async Task EnsureTemplateAsync(CancellationToken cancellationToken = default)
    {
        if (templateReady)
        {
            return;
        }

        await templateLock.WaitAsync(cancellationToken);
        try
        {
            if (templateReady)
            {
                return;
            }

            Directory.CreateDirectory(Folder);
            if (File.Exists(TemplatePath))
            {
                templateReady = true;
                return;
            }

            foreach (var old in Directory.GetFiles(Folder, "template-*.db"))
            {
                File.Delete(old);
            }

            var building = TemplatePath + ".building";
            DeleteDatabaseFiles(building);
            var options = Options(building);
            await DatabaseInitializer.MigrateAsync(options, cancellationToken);
            await using (var db = new BrpDbContext(options))
            {
                await DemoSeed.SeedAsync(db, cancellationToken);

                // One self-contained file, so a sandbox is a plain file copy.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", cancellationToken);
            }

            SqliteConnection.ClearAllPools();
            DeleteDatabaseFiles(TemplatePath);
            File.Move(building, TemplatePath);
            templateReady = true;
            logger.LogInformation("Demo template ready in {Folder}", Folder);
        }
        finally
        {
            templateLock.Release();
        }
    }

    /// <summary>The sandbox of a browser session, created from the template on first use.</summary>
    public IBrpDatabase Get(string sandboxId)
    {
        var info = sandboxes.GetOrAdd(sandboxId, id => new SandboxInfo(id));
        info.LastUsed = timeProvider.GetUtcNow();
        lock (info)
        {
            if (!File.Exists(info.Path(Folder)))
            {
                CopyTemplate(info);
            }
        }

        return info.Database(Folder);
    }

    /// <summary>Återställ demo: the sandbox becomes the template again.</summary>
    public async Task ResetAsync(string sandboxId)
    {
        await EnsureTemplateAsync();
        var info = sandboxes.GetOrAdd(sandboxId, id => new SandboxInfo(id));
        lock (info)
        {
            DeleteDatabaseFiles(info.Path(Folder));
            info.Today = null;
            CopyTemplate(info);
        }
    }

    /// <summary>The sandbox's "today" (Demodatum), read from the sandbox itself and kept in memory.</summary>
    public DateOnly TodayOf(string sandboxId)
    {
        var info = sandboxes.GetOrAdd(sandboxId, id => new SandboxInfo(id));
        if (info.Today is { } today)
        {
            return today;
        }

        using var db = new BrpDbContext(Get(sandboxId).Options);
        var stored = db.Settings.Where(s => s.Key == DemoSettings.TodayKey).Select(s => s.Value).FirstOrDefault();
        info.Today = stored is null ? DemoSeed.DemoToday : DateOnly.ParseExact(stored, "yyyy-MM-dd");
        return info.Today.Value;
    }

    /// <summary>Moves "today" in one sandbox only; the real clock is untouched.</summary>
    public async Task SetTodayAsync(string sandboxId, DateOnly today)
    {
        await using var db = new BrpDbContext(Get(sandboxId).Options);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == DemoSettings.TodayKey);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = DemoSettings.TodayKey, Value = today.ToString("yyyy-MM-dd") });
        }
        else
        {
            setting.Value = today.ToString("yyyy-MM-dd");
        }

        await db.SaveChangesAsync();
        sandboxes.GetOrAdd(sandboxId, id => new SandboxInfo(id)).Today = today;
    }

    /// <summary>Deletes sandboxes nobody has used for <paramref name="idle"/>.</summary>
    public int DeleteIdle(TimeSpan idle)
    {
        var cutoff = timeProvider.GetUtcNow() - idle;
        var deleted = 0;
        foreach (var info in sandboxes.Values.Where(s => s.LastUsed < cutoff).ToList())
        {
            lock (info)
            {
                DeleteDatabaseFiles(info.Path(Folder));
                sandboxes.TryRemove(info.Id, out _);
                deleted++;
            }
        }

        return deleted;
    }

    public void Dispose() => templateLock.Dispose();

    public bool Exists(string sandboxId) => File.Exists(new SandboxInfo(sandboxId).Path(Folder));

    private void CopyTemplate(SandboxInfo info)
    {
        if (!templateReady)
        {
            EnsureTemplateAsync().GetAwaiter().GetResult();
        }

        File.Copy(TemplatePath, info.Path(Folder), overwrite: true);
        using var db = new BrpDbContext(info.Database(Folder).Options);
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    private static DbContextOptions<BrpDbContext> Options(string path) =>
        new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite($"Data Source={path};Pooling=False").Options;

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    private sealed class SandboxInfo(string id)
    {
        private IBrpDatabase? database;

        public string Id { get; } = id;

        public DateTimeOffset LastUsed { get; set; }

        public DateOnly? Today { get; set; }

        public string Path(string folder) => System.IO.Path.Combine(folder, $"sandbox-{Id}.db");

        // Pooling is off so a reset never meets an open handle to the old file.
        public IBrpDatabase Database(string folder) => database ??= new BrpDatabase($"demo-{Id}", Options(Path(folder)));
    }
}
