using System.Collections.Concurrent;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>
/// Demo mode's databases: one seeded template, and a copy of it per browser session (sandbox), so a room of
/// trainees never step on each other. Sandboxes live in their own folder; the real database is never opened.
/// </summary>
public sealed class DemoSandboxes(string folder, TimeProvider timeProvider, ILogger<DemoSandboxes> logger, DemoLimits? limits = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, SandboxInfo> sandboxes = new();
    private readonly SemaphoreSlim templateLock = new(1, 1);
    private readonly Lock admission = new();
    private bool templateReady;

    public string Folder { get; } = Path.GetFullPath(folder);

    public DemoLimits Limits { get; } = limits ?? new DemoLimits();

    /// <summary>How many sandboxes exist now (each is a file on disk).</summary>
    public int Count => sandboxes.Count;

    /// <summary>The template is reused across restarts while the sample data and the migrations are the same.</summary>
    public string TemplatePath
    {
        get => Path.Combine(Folder, $"template-v{DemoSeed.Version}-{DemoDatabase.LatestMigration()}.db");
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
            AdoptSandboxesOnDisk();
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
            await DemoDatabase.BuildTemplateAsync(building, cancellationToken);
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

    /// <summary>
    /// The sandbox of a browser session, created from the template on first use. The id must be one this app hands
    /// out (<see cref="DemoSandboxId"/>); a new sandbox beyond <see cref="DemoLimits.MaxSandboxes"/> takes the place
    /// of the longest-idle one, or is refused with <see cref="DemoFullException"/> while every one is in use.
    /// </summary>
    public IBrpDatabase Get(string sandboxId)
    {
        var info = Info(sandboxId);
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
        var info = Info(sandboxId);
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
        var info = Info(sandboxId);
        if (info.Today is { } today)
        {
            return today;
        }

        info.Today = DemoDatabase.ReadToday(Get(sandboxId));
        return info.Today.Value;
    }

    /// <summary>Moves "today" in one sandbox only; the real clock is untouched.</summary>
    public async Task SetTodayAsync(string sandboxId, DateOnly today)
    {
        await DemoDatabase.WriteTodayAsync(Get(sandboxId), today);
        Info(sandboxId).Today = today;
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

    public bool Exists(string sandboxId) => DemoSandboxId.IsValid(sandboxId) && File.Exists(SandboxInfo.PathOf(Folder, sandboxId));

    /// <summary>
    /// The sandbox's bookkeeping. An id that is not one this app makes is refused before it comes near a file name:
    /// a crafted cookie must never point a sandbox at another file (the real database, docs/decisions/067).
    /// </summary>
    private SandboxInfo Info(string sandboxId)
    {
        if (!DemoSandboxId.IsValid(sandboxId))
        {
            throw new ArgumentException("Not a demo sandbox id.", nameof(sandboxId));
        }

        if (sandboxes.TryGetValue(sandboxId, out var known))
        {
            return known;
        }

        lock (admission)
        {
            if (sandboxes.TryGetValue(sandboxId, out known))
            {
                return known;
            }

            if (sandboxes.Count >= Limits.MaxSandboxes)
            {
                MakeRoom();
            }

            var info = new SandboxInfo(sandboxId) { LastUsed = timeProvider.GetUtcNow() };
            sandboxes[sandboxId] = info;
            return info;
        }
    }

    /// <summary>At the cap, the longest-idle sandbox gives way, if it has been idle long enough.</summary>
    private void MakeRoom()
    {
        var oldest = sandboxes.Values.MinBy(s => s.LastUsed);
        if (oldest is null || timeProvider.GetUtcNow() - oldest.LastUsed < Limits.MinimumIdleBeforeEviction)
        {
            throw new DemoFullException();
        }

        lock (oldest)
        {
            DeleteDatabaseFiles(oldest.Path(Folder));
            sandboxes.TryRemove(oldest.Id, out _);
        }

        logger.LogInformation("Demo sandbox cap {Max} reached: removed the longest-idle sandbox", Limits.MaxSandboxes);
    }

    /// <summary>Sandboxes from before a restart are known again, so the idle clean-up and the cap count them.</summary>
    private void AdoptSandboxesOnDisk()
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "sandbox-*.db"))
        {
            var id = Path.GetFileNameWithoutExtension(file)["sandbox-".Length..];
            if (DemoSandboxId.IsValid(id))
            {
                sandboxes.TryAdd(id, new SandboxInfo(id) { LastUsed = File.GetLastWriteTimeUtc(file) });
            }
        }
    }

    private void CopyTemplate(SandboxInfo info)
    {
        if (!templateReady)
        {
            EnsureTemplateAsync().GetAwaiter().GetResult();
        }

        File.Copy(TemplatePath, info.Path(Folder), overwrite: true);
        DemoDatabase.UseWriteAheadLog(info.Database(Folder));
    }

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

        public string Path(string folder) => PathOf(folder, Id);

        /// <summary>The file of a (validated) id, checked once more to lie directly in the sandbox folder.</summary>
        public static string PathOf(string folder, string id)
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, $"sandbox-{id}.db"));
            if (!string.Equals(System.IO.Path.GetDirectoryName(path), folder, StringComparison.Ordinal))
            {
                throw new ArgumentException("A demo sandbox lies in the sandbox folder only.", nameof(id));
            }

            return path;
        }

        public IBrpDatabase Database(string folder) => database ??= DemoDatabase.AtPath($"demo-{Id}", Path(folder));
    }
}
