using System.Globalization;
using BrpBlazor.Benchmarks.Harness;
using Microsoft.Playwright;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>
/// Idle tablets (decision 135): N tablets with the Frys dialog open and an end date of their own are left alone until
/// <c>Brp:IdleCircuitMinutes</c> pauses every circuit; then each is touched once. Reports the server's managed heap
/// with the N tablets paused against the same N active (after the touch), over the heap with no tablet at all, and
/// the time from the touch until the dialog is back with its end date.
/// </summary>
public sealed class IdleCircuitsBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Idle tablets";

    public async Task RunAsync()
    {
        var count = options.IdleTablets;
        var idleMinutes = options.Smoke ? 0.1 : 2;
        Console.WriteLine($"Idle tablets: {count} tablets, paused after {idleMinutes.ToString(CultureInfo.InvariantCulture)} min without input");
        if (!File.Exists(CircuitsBenchmark.ChromiumPath))
        {
            report.Add(Area, "Idle tablets", "not measured", $"{CircuitsBenchmark.ChromiumPath} is missing (install Debian's chromium)");
            return;
        }

        await using var server = await ServerProcess.StartAsync(count + 1, Path.Combine(folder, "idle.db"), "--idle", idleMinutes.ToString(CultureInfo.InvariantCulture));
        using var playwright = await Playwright.CreateAsync();
        var browser = await Tablet.LaunchAsync(playwright);
        try
        {
            await MeasureAsync(server, browser, count, idleMinutes);
        }
        finally
        {
            await browser.CloseAsync();
        }
    }

    private async Task MeasureAsync(ServerProcess server, IBrowser browser, int count, double idleMinutes)
    {
        // Warm up with one tablet and let it pause: the server then holds no circuit but has everything shared (JIT,
        // caches, pools) loaded. (A closed tab's circuit would stay, disconnected, for the framework's retention period.)
        var warmup = await Tablet.OpenAsync(browser, server.Address, 0, server.PersonIds[0]);
        for (var i = 0; i < 5; i++)
        {
            await warmup.RoundTripAsync();
        }

        await Task.Delay(TimeSpan.FromMinutes(idleMinutes));
        var empty = await server.SettledAsync(expectedCircuits: 0, waitSeconds: 60);

        var tablets = new List<(Tablet Tablet, string EndDate)>();
        for (var i = 1; i <= count; i++)
        {
            var tablet = await Tablet.OpenAsync(browser, server.Address, i, server.PersonIds[i]);
            await tablet.RoundTripAsync();
            tablets.Add((tablet, await tablet.EndDateAsync()));
            if (i % 10 == 0)
            {
                Console.WriteLine($"    {i} tablets open");
            }
        }

        // Nobody touches them: wait for the last one's idle time, then for every circuit to be gone from the server.
        await Task.Delay(TimeSpan.FromMinutes(idleMinutes));
        var paused = await server.SettledAsync(expectedCircuits: 0, waitSeconds: 60);
        var showing = 0;
        foreach (var (tablet, _) in tablets)
        {
            showing += await tablet.IsPausedAsync() ? 1 : 0;
        }

        var resumes = new List<double>();
        foreach (var (tablet, endDate) in tablets)
        {
            resumes.Add(await tablet.TapToResumeAsync(endDate));
        }

        var active = await server.SettledAsync(expectedCircuits: count);
        var activeBytes = active.HeapBytes - empty.HeapBytes;
        var pausedBytes = paused.HeapBytes - empty.HeapBytes;
        var share = activeBytes <= 0 ? double.NaN : Math.Max(0, pausedBytes) / (double)activeBytes;
        var resume = new Stats(resumes);

        report.Add(Area, $"Server memory of {count} paused tablets, against the same {count} active",
            $"{Megabytes(Math.Max(0, pausedBytes))} paused, {Megabytes(activeBytes)} active: {(share * 100).ToString("0.0", CultureInfo.InvariantCulture)} %",
            $"managed heap {Megabytes(empty.HeapBytes)} with no tablet, {Megabytes(paused.HeapBytes)} with {count} paused ({showing} showing the pause), {Megabytes(active.HeapBytes)} with {active.Circuits} active; working set {Megabytes(paused.WorkingSet)} → {Megabytes(active.WorkingSet)}",
            "≤ 10 %", share <= 0.10);
        report.Add(Area, "Resume: from the touch until the Frys dialog is back with its end date",
            $"p50 {Seconds(resume.Median)}, p95 {Seconds(resume.Percentile(95))} (max {Seconds(resume.Max)}; {resume.Count} tablets, one after another)",
            "new circuit, person page, dialog loaded again through Core",
            "p95 ≤ 1 s", resume.Percentile(95) <= 1000);
        report.Note(Area, $"The circuits benchmark's server (its own process, SQLite, server GC) with `Brp:IdleCircuitMinutes` = {idleMinutes.ToString(CultureInfo.InvariantCulture)}. Each tablet opens the Frys dialog and moves its end date once, so the resume has an input of its own to bring back; the pause is the app's own idle timer in the page (`js/blazor-start.js`), not a call by the benchmark. Memory as in the circuits area: a forced, compacting full collection, `GC.GetTotalMemory`; the shares are over the heap with no circuit, after one warm-up tablet was used and paused.");
        report.Note(Area, "Resume: the driver taps the screen (Playwright touch) and waits until the pause dialog is gone and the end-date field holds the tablet's own date again, polling every 5 ms, so the time includes the driver's own overhead.");
    }
}
