using System.Globalization;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Previews;

/// <summary>
/// The live previews of the subscription dialogs (Frys, Säg upp, Uppgradera) on subscriptions with years of history,
/// loaded once through <see cref="SubscriptionOperations.LoadAsync"/> as a dialog does; and a count of the database
/// commands sent while previewing, which must be none.
/// </summary>
public sealed class PreviewsBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Previews";
    private const int Seed = 7_000_003;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly FixedClock Clock = new(FixedClock.BenchmarkToday);
    private static readonly StaffActor Actor = new("bench-reception", "Receptionen", new HashSet<Right> { Right.Reception });

    public async Task RunAsync()
    {
        Console.WriteLine($"Previews: {options.PreviewSubscriptions} subscriptions, {options.PreviewIterations:N0} previews of each kind");
        var counter = new CommandCounter();
        using var database = await BenchDatabase.CreateAsync(folder, "previews", counter);
        var random = new Random(Seed);
        var people = new SwedishPeople(Seed);
        var ids = new List<int>();
        int goldId;
        var history = 0;
        await using (var db = database.NewContext())
        {
            var gym = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
            goldId = (await Registers.AddProductAsync(db, "Guld 12 mån autogiro", 499)).Id;
            for (var i = 0; i < options.PreviewSubscriptions; i++)
            {
                var (_, subscriptionId) = await Memberships.AddAsync(db, gym, people.Next(), random, Clock.Today);
                ids.Add(subscriptionId);
                history += await Memberships.CountHistoryAsync(db, subscriptionId);
            }
        }

        var operations = new SubscriptionOperations(database.Factory, Clock, new InProcessChangeFeed(), database.Database);
        var beforeLoad = counter.Count;
        var loaded = new List<LoadedSubscription>();
        foreach (var id in ids)
        {
            loaded.Add((await operations.LoadAsync(StaffActor.System, id)).Value ?? throw new InvalidOperationException($"Subscription {id} did not load."));
        }

        var loadCommands = counter.Count - beforeLoad;
        var beforePreviews = counter.Count;
        var today = Clock.Today;
        var freeze = Measure(loaded, (l, i) => l.PreviewFreeze(new FreezeRequest(today.AddDays(i % 10), today.AddDays((i % 10) + 20 + (i % 40)), null), Actor));
        var cancel = Measure(loaded, (l, i) => l.PreviewCancel(new CancelRequest("Flyttar", FinalPayment: i % 2 == 0), Actor));
        var upgrade = Measure(loaded, (l, i) => l.PreviewUpgrade(goldId, today.AddDays(i % 20), Actor));
        var previewCommands = counter.Count - beforePreviews;

        foreach (var (name, result) in new[] { ("Frys (freeze)", freeze), ("Säg upp (cancel)", cancel), ("Uppgradera (upgrade)", upgrade) })
        {
            if (result.Confirmable == 0)
            {
                throw new InvalidOperationException($"No {name} preview could be confirmed: the subscriptions are not what the benchmark means to measure.");
            }

            report.Add(Area, $"Preview {name}", $"p50 {Ms(result.Stats.Median)}, p99 {Ms(result.Stats.Percentile(99))} (max {Ms(result.Stats.Max)})",
                $"{result.Confirmable * 100.0 / result.Stats.Count:0} % of the previews could be confirmed", "p99 ≤ 1 ms", result.Stats.Percentile(99) <= 1.0);
        }

        report.Add(Area, "Database commands while previewing", $"{previewCommands} in {3 * options.PreviewIterations:N0} previews",
            $"loading the {loaded.Count} subscriptions sent {loadCommands}", "0", previewCommands == 0 && loadCommands > 0);
        if (previewCommands != 0 || loadCommands == 0)
        {
            throw new InvalidOperationException($"Previews sent {previewCommands} database commands (loading sent {loadCommands}).");
        }

        report.Note(Area, $"{loaded.Count} private subscriptions started 2021–2023 (fixed seed {Seed}), billed on the first of every month up to {today:yyyy-MM-dd}, frozen in most Aprils and Octobers, paid but for the latest charges: on average {(history / (double)loaded.Count).ToString("0", Invariant)} billing runs, freezes and charges each.");
        report.Note(Area, $"Each preview is timed on its own ({options.PreviewIterations:N0} of each kind after 1 000 warm-up calls, round-robin over the subscriptions, the dates and choices varied as a dialog varies them). The database check counts every command EF Core sends (a `DbCommandInterceptor` on the context options): loading must send some, previewing none.");
    }

    private Result Measure(List<LoadedSubscription> loaded, Func<LoadedSubscription, int, OperationPreview> preview)
    {
        for (var i = 0; i < 1_000; i++)
        {
            preview(loaded[i % loaded.Count], i);
        }

        var times = new double[options.PreviewIterations];
        var confirmable = 0;
        for (var i = 0; i < times.Length; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = preview(loaded[i % loaded.Count], i);
            times[i] = Stats.MillisecondsSince(started);
            confirmable += result.CanConfirm ? 1 : 0;
        }

        return new Result(new Stats(times), confirmable);
    }

    private sealed record Result(Stats Stats, int Confirmable);
}
