using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>
/// The restore drill: data written → a backup taken while writers keep writing → restored into a fresh Folder →
/// the app starts on it, and every row committed before the backup began is there.
/// </summary>
public sealed class BackupRestoreDrillTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new("drill");

    private string Folder => temp.Path;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task BackupUnderLoad_RestoredIntoAFreshFolder_HasEveryCommittedRow_AndTheAppStartsOnIt()
    {
        var live = Path.Combine(Folder, "live", "brp.db");
        var fresh = Path.Combine(Folder, "fresh", "brp.db");
        var backup = Path.Combine(Folder, "backup-2026-12-01.db");
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        var liveSettings = Settings(live, "live");
        await using var app = AppProcess.Start(liveSettings);
        await app.WaitUntilReadyAsync();

        // Tablets keep writing: people are registered one transaction at a time, before, during and after the backup.
        var committed = new List<(int Id, long At)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var db = AppProcess.OpenDatabase(live);
                var person = await TestData.AddPersonAsync(db, "Skrivare", $"Nummer{n++}", TestData.NextPersonnummer(new DateOnly(1990, 1, 1).AddDays(n)));
                lock (committed)
                {
                    committed.Add((person.Id, System.Diagnostics.Stopwatch.GetTimestamp()));
                }
            }
        });
        await WaitForWritesAsync(committed, 20);

        var backupStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var (backupExit, backupOutput) = await AppProcess.RunAsync(liveSettings, "backup", backup);
        output.WriteLine($"backup: exit {backupExit}: {backupOutput.Trim()}");
        int atBackupEnd;
        lock (committed)
        {
            atBackupEnd = committed.Count;
        }

        await WaitForWritesAsync(committed, atBackupEnd + 10);
        await stop.CancelAsync();
        await writer;
        Assert.Equal(0, backupExit);

        List<int> before;
        lock (committed)
        {
            before = committed.Where(c => c.At < backupStarted).Select(c => c.Id).ToList();
        }

        var (restoreExit, restoreOutput) = await AppProcess.RunAsync(Settings(fresh, "fresh"), "restore", backup);
        output.WriteLine($"restore: exit {restoreExit}: {restoreOutput.Trim()}");
        Assert.Equal(0, restoreExit);

        await using var restored = AppProcess.Start(Settings(fresh, "fresh"));
        await restored.WaitUntilReadyAsync();
        await using var check = AppProcess.OpenDatabase(fresh);
        var ids = await check.People.Select(p => p.Id).ToListAsync();
        output.WriteLine($"{committed.Count} people written, {before.Count} before the backup began, {ids.Count} in the restored copy");
        Assert.NotEmpty(before);
        Assert.Empty(before.Except(ids));

        // A consistent copy: every id up to the last one in it, none half-written.
        Assert.Equal(Enumerable.Range(ids.Min(), ids.Max() - ids.Min() + 1), ids.Order());
        Assert.True(ids.Count < committed.Count, "writes went on during the backup");
    }

    [Fact]
    public async Task Restore_WhileTheAppRuns_OrFromAFileThatIsNoBackup_ChangesNothing()
    {
        var live = Path.Combine(Folder, "live", "brp.db");
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        var settings = Settings(live, "live");
        var notABackup = Path.Combine(Folder, "lista.csv");
        await File.WriteAllTextAsync(notABackup, "Anna Andersson;19850314-1239\n");

        var (garbageExit, garbageOutput) = await AppProcess.RunAsync(settings, "restore", notABackup);
        output.WriteLine($"restore of a CSV: exit {garbageExit}: {garbageOutput.Trim()}");
        Assert.NotEqual(0, garbageExit);
        Assert.False(File.Exists(live));

        await using var app = AppProcess.Start(settings);
        await app.WaitUntilReadyAsync();
        var backup = Path.Combine(Folder, "b.db");
        Assert.Equal(0, (await AppProcess.RunAsync(settings, "backup", backup)).ExitCode);

        var (runningExit, runningOutput) = await AppProcess.RunAsync(settings, "restore", backup);
        output.WriteLine($"restore while running: exit {runningExit}: {runningOutput.Trim()}");
        Assert.NotEqual(0, runningExit);
        Assert.Contains("stop it first", runningOutput, StringComparison.CurrentCulture);
    }

    private static async Task WaitForWritesAsync(List<(int Id, long At)> committed, int count)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            lock (committed)
            {
                if (committed.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {count} writes in a minute.");
    }

    private Dictionary<string, string> Settings(string database, string name) => new()
    {
        ["ConnectionStrings:Brp"] = $"Data Source={database}",
        ["Brp:TempFolder"] = Path.Combine(Folder, name + "-tmp"),
    };
}
