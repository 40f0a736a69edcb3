using System.Globalization;

using BrpBlazor.Benchmarks.Harness;
using Microsoft.Playwright;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>
/// Blazor circuits under load: the real app in its own process, N tablets (headless Debian Chromium at 768×1024) signed in
/// on a member's page with the Frys dialog open. Reports the server's managed heap per circuit after a forced full
/// collection (minus one open circuit as the baseline) and the round trip of a UI event: the end date changed in the
/// dialog until the preview shows the new binding date, measured in the browser from the change event to the DOM update.
/// </summary>
public sealed class CircuitsBenchmark(BenchOptions options, Report report, string folder)
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Area = "Circuits";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task RunAsync()
    {
        var pages = options.CircuitPages;
        Console.WriteLine($"Circuits: {pages} tablets with the Frys dialog open, plus one for the baseline");
        if (!File.Exists(ChromiumPath))
        {
            report.Add(Area, "Circuits", "not measured", $"{ChromiumPath} is missing (install Debian's chromium)", "", null);
            return;
        }

        await using var server = await ServerProcess.StartAsync(pages + 1, Path.Combine(folder, "circuits.db"));
        using var playwright = await Playwright.CreateAsync();
        var browser = await Tablet.LaunchAsync(playwright);
        try
        {
            await MeasureAsync(server, browser, pages);
        }
        finally
        {
            // The browser goes first, or the server's shutdown waits for the circuits.
            await browser.CloseAsync();
        }
    }

    private async Task MeasureAsync(ServerProcess server, IBrowser browser, int pages)
    {
        // The baseline: one tablet with the dialog open, so everything shared (JIT, caches, pools) is warm and counted once.
        var tablets = new List<Tablet> { await Tablet.OpenAsync(browser, server.Address, 0, server.PersonIds[0]) };
        for (var i = 0; i < 5; i++)
        {
            await tablets[0].RoundTripAsync();
        }

        var baseline = await server.SettledAsync(expectedCircuits: 1);
        await DumpAsync(server, "circuits-1");
        var opening = new List<double>();
        for (var i = 1; i <= pages; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            tablets.Add(await Tablet.OpenAsync(browser, server.Address, i, server.PersonIds[i]));
            opening.Add(Stats.MillisecondsSince(started));
            if (i % 10 == 0)
            {
                Console.WriteLine($"    {i} tablets open");
            }
        }

        var loaded = await server.SettledAsync(expectedCircuits: pages + 1);
        await DumpAsync(server, $"circuits-{pages + 1}");
        var perCircuit = (loaded.HeapBytes - baseline.HeapBytes) / (double)pages;

        var inBrowser = new List<double>();
        var byDriver = new List<double>();
        for (var round = 0; round < options.RoundTripsPerPage; round++)
        {
            foreach (var tablet in tablets)
            {
                var (browserMs, driverMs) = await tablet.RoundTripAsync();
                inBrowser.Add(browserMs);
                byDriver.Add(driverMs);
            }
        }

        // The same tablets with the dialog closed (all but the baseline's): what the dialog itself holds.
        foreach (var tablet in tablets.Skip(1))
        {
            await tablet.CloseDialogAsync();
        }

        var withoutDialogs = await server.SettledAsync(expectedCircuits: pages + 1);
        await DumpAsync(server, $"circuits-{pages + 1}-without-dialogs");
        var dialog = (loaded.HeapBytes - withoutDialogs.HeapBytes) / (double)pages;

        var roundTrip = new Stats(inBrowser);
        var driver = new Stats(byDriver);
        report.Add(Area, $"Server memory per circuit (person page + Frys dialog), {pages + 1} open",
            Kilobytes(perCircuit),
            $"of which the open dialog {Kilobytes(dialog)}; managed heap {Megabytes(baseline.HeapBytes)} with 1 circuit → {Megabytes(loaded.HeapBytes)} with {loaded.Circuits}; working set {Megabytes(loaded.WorkingSet)}",
            "≤ 400 KB", perCircuit <= 400 * 1024);
        report.Add(Area, $"UI event round trip, {pages + 1} circuits open",
            $"p50 {Ms(roundTrip.Median)}, p95 {Ms(roundTrip.Percentile(95))} (max {Ms(roundTrip.Max)}; {roundTrip.Count} events)",
            $"as the test driver sees it (fill, Tab, wait): p50 {Ms(driver.Median)}, p95 {Ms(driver.Percentile(95))}",
            "p95 ≤ 250 ms", roundTrip.Percentile(95) <= 250);
        report.Add(Area, "Opening a tablet (sign in, person page, Frys dialog)", $"p50 {Seconds(new Stats(opening).Median)}", $"max {Seconds(new Stats(opening).Max)}");

        report.Note(Area, $"The app runs in a process of its own (`BrpBlazor.Benchmarks circuit-server`: the real `Program` through `WebApplicationFactory` on Kestrel at 127.0.0.1, Development, server GC, a fresh SQLite file), so its heap holds nothing of Playwright. Each tablet is a separate Chromium context at 768×1024 signed in as its own receptionist, on its own member (years of monthly billing and freezes), with the Frys dialog open.");
        report.Note(Area, "Memory: the server forces three full, compacting collections (`GC.Collect(2, Forced, blocking, compacting)`, LOH compaction) and reports `GC.GetTotalMemory`; per circuit = (heap with all tablets − heap with the one baseline tablet) / tablets. The dialog's share is the drop when the dialogs are closed on the same circuits.");
        report.Note(Area, $"Round trip: a watcher in the page records `performance.now()` at the change event and when a MutationObserver sees the preview's *Bundet t.o.m.* show the expected date; the driver fills the end date and presses Tab. {options.RoundTripsPerPage} events per tablet, round-robin, while all circuits stay open.");
    }

    /// <summary>With --gcdump, a heap dump of the server (dotnet-gcdump, from the PATH or ~/.dotnet/tools).</summary>
    private async Task DumpAsync(ServerProcess server, string name)
    {
        if (options.GcDumpFolder is not { } dumps)
        {
            return;
        }

        var tool = new[] { Environment.GetEnvironmentVariable("PATH") ?? string.Empty, Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
            .SelectMany(p => p.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(dir => Path.Combine(dir, "dotnet-gcdump"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("--gcdump needs the dotnet-gcdump tool (dotnet tool install --global dotnet-gcdump).");
        Directory.CreateDirectory(dumps);
        var info = new System.Diagnostics.ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "collect", "-p", server.ProcessId.ToString(Invariant), "-o", Path.Combine(dumps, name + ".gcdump") })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine($"    heap dump {Path.Combine(dumps, name + ".gcdump")}");
    }
}
