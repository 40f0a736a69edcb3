using Npgsql;
using BrpBlazor.Benchmarks.Harness;
using Microsoft.Playwright;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>
/// Two app servers on one PostgreSQL (issue 16): N tablets, half on each server, in pairs on the same member with the
/// Frys dialog open on both. Reports the UI event round trip over all tablets, and the cross-server refresh: tablet A
/// confirms its freeze on server A, and tablet B's open dialog on server B says the subscription changed.
/// Needs <c>BRP_BENCH_POSTGRES</c> (a connection string to a PostgreSQL server's maintenance database).
/// </summary>
public sealed class TwoServersBenchmark(BenchOptions options, Report report)
{
    private const string Area = "Two servers";

    public async Task RunAsync()
    {
        var count = options.TwoServerTablets;
        Console.WriteLine($"Two servers: {count} tablets over two app servers on PostgreSQL");
        if (Environment.GetEnvironmentVariable("BRP_BENCH_POSTGRES") is not { Length: > 0 } maintenance)
        {
            report.Add(Area, "Two servers", "not measured", "set BRP_BENCH_POSTGRES to a PostgreSQL server (scripts/postgres-test-cluster.sh starts one)");
            return;
        }

        if (!File.Exists(CircuitsBenchmark.ChromiumPath))
        {
            report.Add(Area, "Two servers", "not measured", $"{CircuitsBenchmark.ChromiumPath} is missing (install Debian's chromium)");
            return;
        }

        var name = $"brp_bench_two_{Environment.ProcessId}";
        await BenchPostgres.ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await BenchPostgres.ExecuteAsync(maintenance, $"CREATE DATABASE \"{name}\"");
        var database = new NpgsqlConnectionStringBuilder(maintenance) { Database = name }.ToString();
        try
        {
            await using (var first = await ServerProcess.StartAsync(count, database, "--postgres"))
            await using (var second = await ServerProcess.StartAsync(count, database, "--postgres", "--no-seed"))
            {
                using var playwright = await Playwright.CreateAsync();
                var browser = await Tablet.LaunchAsync(playwright);
                try
                {
                    await MeasureAsync(first, second, browser, count);
                }
                finally
                {
                    await browser.CloseAsync();
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchPostgres.ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }


    }

    private async Task MeasureAsync(ServerProcess first, ServerProcess second, IBrowser browser, int count)
    {
        var pairs = count / 2;
        var onFirst = new List<Tablet>();
        var onSecond = new List<Tablet>();
        for (var i = 0; i < pairs; i++)
        {
            onFirst.Add(await Tablet.OpenAsync(browser, first.Address, i, first.PersonIds[i]));
            onSecond.Add(await Tablet.OpenAsync(browser, second.Address, pairs + i, first.PersonIds[i]));
            if ((i + 1) % 5 == 0)
            {
                Console.WriteLine($"    {2 * (i + 1)} tablets open");
            }
        }

        var all = onFirst.Concat(onSecond).ToList();
        foreach (var tablet in all.Take(4))
        {
            await tablet.RoundTripAsync();
        }

        var events = new List<double>();
        for (var round = 0; round < options.RoundTripsPerPage; round++)
        {
            foreach (var tablet in all)
            {
                events.Add((await tablet.RoundTripAsync()).InBrowser);
            }
        }

        var fromConfirm = new List<double>();
        var fromSaved = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            await onSecond[i].ArmChangeNoticeAsync();
            var (clicked, saved) = await onFirst[i].ConfirmAsync();
            var shown = await onSecond[i].ChangeNoticeShownAsync();
            fromConfirm.Add(shown - clicked);
            fromSaved.Add(shown - saved);
        }

        var (a, b) = (await first.SettledAsync(expectedCircuits: pairs), await second.SettledAsync(expectedCircuits: pairs));
        var ui = new Stats(events);
        var refresh = new Stats(fromConfirm);
        var propagation = new Stats(fromSaved);
        report.Add(Area, $"UI event round trip, {count} tablets over two servers",
            $"p50 {Ms(ui.Median)}, p95 {Ms(ui.Percentile(95))} (max {Ms(ui.Max)}; {ui.Count} events)",
            $"{a.Circuits} circuits on server A, {b.Circuits} on server B",
            "p95 ≤ 250 ms", ui.Percentile(95) <= 250);
        report.Add(Area, "Cross-server refresh: A confirms a freeze, B's open Frys dialog says so",
            $"p50 {Ms(refresh.Median)}, p95 {Ms(refresh.Percentile(95))} (max {Ms(refresh.Max)}; {refresh.Count} freezes)",
            $"from A's dialog closing (saved) to B's notice: p50 {Ms(propagation.Median)}, p95 {Ms(propagation.Percentile(95))}",
            "p95 ≤ 1 s", refresh.Percentile(95) <= 1000);
        report.Note(Area, $"Two of the circuits benchmark's servers, each in its own process (server GC), on one fresh PostgreSQL database of `BRP_BENCH_POSTGRES` on this machine; the first applies the migrations and seeds, the second starts on it. {count} Chromium contexts in one browser: tablet i on server A and tablet {pairs}+i on server B are different receptionists on the same member, both with the Frys dialog open. The tablets connect to the servers directly (the nginx configuration is tested for real in `Operations/TwoServersTests`).");
        report.Note(Area, "Cross-server refresh: in-browser times on one clock (`performance.timeOrigin + now()`): the click on A's *Bekräfta*, A's dialog gone (the save done), and B's MutationObserver seeing the dialog's change notice. The change travels server A → `pg_notify` → server B's `LISTEN` connection → B's circuit (decision 133).");
    }
}
