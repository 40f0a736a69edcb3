using System.Globalization;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Suggestions;

/// <summary>
/// The redeem wizard's first step: which organisations hold an open pre-order for this person. 1 000 000 pre-orders
/// (fixed seed, 600 000 distinct personnummer, some pre-orders with only a birth date, expired, future, redeemed and
/// withdrawn ones among them), then 10 000 lookups through <see cref="RedeemSuggestions.ForAsync"/> as the wizard calls it.
/// </summary>
public sealed class SuggestionsBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Suggestions";
    private const int Seed = 5_000_001;
    private const int Organisations = 40;
    private const double BirthDateOnlyShare = 0.03;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DateOnly Today = FixedClock.BenchmarkToday;

    private static readonly DateRange[] Validities =
    [
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
        new(new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 31)),
    ];

    public async Task RunAsync()
    {
        Console.WriteLine($"Suggestions: {options.SuggestionPreOrders:N0} pre-orders, {options.SuggestionLookups:N0} lookups");
        var counter = new CommandCounter();
        using var database = await BenchDatabase.CreateAsync(folder, "suggestions", counter);
        var seeded = System.Diagnostics.Stopwatch.GetTimestamp();
        var (people, birthDateOnly, distinct) = await SeedAsync(database);
        Console.WriteLine($"    seeded in {Stats.MillisecondsSince(seeded) / 1000:0.0} s ({distinct:N0} distinct personnummer)");

        var identities = Identities(people, birthDateOnly, options.SuggestionLookups + options.SuggestionWarmup);
        var suggestions = new RedeemSuggestions(database.Factory);
        var app = await MeasureAsync(identities, options.SuggestionWarmup, counter, async identity => (await suggestions.ForAsync(StaffActor.System, identity, Today)).Value);
        var plain = new PlainSuggestions(database.Options);
        var baseline = await MeasureAsync(identities, options.SuggestionWarmup, counter, identity => plain.ForAsync(identity, Today));
        if (app.Found == 0 || app.Suggested != baseline.Suggested)
        {
            throw new InvalidOperationException($"The app found {app.Suggested} suggestions, the plain queries {baseline.Suggested}: the data or a query is wrong.");
        }

        report.Add(Area, $"Suggestions, {options.SuggestionLookups:N0} lookups in {options.SuggestionPreOrders:N0} pre-orders",
            $"p50 {Ms(app.Stats.Median)}, p95 {Ms(app.Stats.Percentile(95))}, p99 {Ms(app.Stats.Percentile(99))} (max {Ms(app.Stats.Max)}); {app.Commands.ToString("0.0", Invariant)} SQL commands per lookup",
            $"plain EF Core LINQ (new context, 2 lookups + 2 name queries): p50 {Ms(baseline.Stats.Median)}, p99 {Ms(baseline.Stats.Percentile(99))}, {baseline.Commands.ToString("0.0", Invariant)} commands",
            "p99 ≤ 1 ms", app.Stats.Percentile(99) <= 1.0);

        report.Note(Area, $"{options.SuggestionPreOrders:N0} pre-orders for {distinct:N0} distinct personnummer (fixed seed {Seed}) in {Organisations} organisations, stored with the app's bulk insert; {BirthDateOnlyShare:P0} have only a birth date; validities current, expired and future; every 11th redeemed and every 17th withdrawn. File {Format.Megabytes(database.FileBytes())}.");
        report.Note(Area, $"Lookups go through `RedeemSuggestions.ForAsync` with the app's context factory (a context per lookup from its pool, as in the wizard), one at a time after {options.SuggestionWarmup:N0} warm-up lookups: 75 % people with pre-orders by personnummer, 10 % people whose pre-order has only their birth date and name, 15 % people without any.");
        report.Note(Area, $"{app.Found:N0} of the {options.SuggestionLookups:N0} lookups found at least one pre-order ({app.Suggested:N0} suggestions); the baseline found the same.");
        report.Note(Area, $"SQLite's plan for the app's query: {await PlanAsync(database, counter, suggestions, identities[0])}");
    }

    private static async Task<Lookups> MeasureAsync(List<RedeemIdentity> identities, int warmup, CommandCounter counter, Func<RedeemIdentity, Task<IReadOnlyList<PreOrderSuggestion>>> lookup)
    {
        foreach (var identity in identities.Take(warmup))
        {
            await lookup(identity);
        }

        var commandsBefore = counter.Count;
        var times = new List<double>(identities.Count - warmup);
        var found = 0;
        var suggested = 0;
        foreach (var identity in identities.Skip(warmup))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await lookup(identity);
            times.Add(Stats.MillisecondsSince(started));
            found += result.Count > 0 ? 1 : 0;
            suggested += result.Count;
        }

        return new Lookups(new Stats(times), (counter.Count - commandsBefore) / (double)times.Count, found, suggested);
    }

    private async Task<(List<GeneratedPerson> People, List<GeneratedPerson> BirthDateOnly, int Distinct)> SeedAsync(BenchDatabase database)
    {
        var generator = new SwedishPeople(Seed);
        var people = Enumerable.Range(0, options.SuggestionPeople).Select(_ => generator.Next()).ToList();
        var birthDateOnlyCount = (int)(options.SuggestionPreOrders * BirthDateOnlyShare);
        var birthDateOnly = Enumerable.Range(0, birthDateOnlyCount).Select(_ => generator.Next(birthDateOnly: true)).ToList();

        // Every person once, the birth-date-only people once, the rest people who hold pre-orders from several organisations.
        var holders = new List<GeneratedPerson>(options.SuggestionPreOrders);
        holders.AddRange(people);
        holders.AddRange(birthDateOnly);
        while (holders.Count < options.SuggestionPreOrders)
        {
            holders.Add(people[generator.NextInt(people.Count)]);
        }

        var products = new List<int>();
        var organisations = new List<int>();
        await using (var db = database.NewContext())
        {
            var gym = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
            var gold = await Registers.AddProductAsync(db, "Guld 12 mån autogiro", 449);
            var swim = await Registers.AddProductAsync(db, "Bad och gym", 399);
            products.AddRange([gym.Id, gold.Id, swim.Id]);
            for (var i = 0; i < Organisations; i++)
            {
                var organisation = await Registers.AddOrganisationAsync(db, $"Förbeställare {i + 1:D2} AB", (gym, 299), (gold, 399), (swim, 349));
                organisations.Add(organisation.Id);
            }
        }

        var created = Today.AddDays(-30).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var groups = holders
            .Select(p => (Person: p, Organisation: organisations[generator.NextInt(organisations.Count)], Product: products[generator.NextInt(products.Count)],
                Validity: generator.NextDouble() switch { < 0.7 => 0, < 0.9 => 1, _ => 2 }))
            .GroupBy(r => (r.Organisation, r.Product, r.Validity));
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var group in groups)
            {
                var (organisation, product, validity) = group.Key;
                PreOrderBulkInsert.Insert(
                    db,
                    group.Select(r => PreOrder.Create(
                        new PreOrderDraft(organisation, product, Validities[validity], r.Person.Name, r.Person.Personnummer, r.Person.BirthDate, r.Person.Email),
                        "bench-seed", created)),
                    null,
                    CancellationToken.None);
            }

            await db.Database.ExecuteSqlRawAsync("UPDATE \"PreOrders\" SET \"Status\" = 'Redeemed', \"RedeemedSubscriptionId\" = NULL WHERE \"Id\" % 11 = 0");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"PreOrders\" SET \"Status\" = 'Withdrawn', \"WithdrawnReason\" = 'Slutat' WHERE \"Id\" % 17 = 0 AND \"Status\" = 'Open'");
            await transaction.CommitAsync();
        }

        return (people, birthDateOnly, people.Count);
    }

    private static List<RedeemIdentity> Identities(List<GeneratedPerson> people, List<GeneratedPerson> birthDateOnly, int count)
    {
        var random = new Random(Seed + 1);
        var strangers = new SwedishPeople(Seed + 2);
        var list = new List<RedeemIdentity>(count);
        for (var i = 0; i < count; i++)
        {
            var draw = random.NextDouble();
            if (draw < 0.75)
            {
                var p = people[random.Next(people.Count)];
                list.Add(new RedeemIdentity(p.Personnummer, p.BirthDate, p.Name));
            }
            else if (draw < 0.85)
            {
                // Registered with a personnummer; the organisation only knew the birth date. The name may be written the other way round.
                var p = birthDateOnly[random.Next(birthDateOnly.Count)];
                var name = random.Next(2) == 0 ? p.Name : $"{p.LastName}, {p.FirstName}";
                list.Add(new RedeemIdentity(Personnummer.FromParts(p.BirthDate, random.Next(1, 1000)), p.BirthDate, name));
            }
            else
            {
                var p = strangers.Next();
                list.Add(new RedeemIdentity(strangers.Unused(), p.BirthDate, p.Name));
            }
        }

        return list;
    }

    /// <summary>SQLite's plan for the query the app sent for a person with a personnummer (both halves active).</summary>
    private static async Task<string> PlanAsync(BenchDatabase database, CommandCounter counter, RedeemSuggestions suggestions, RedeemIdentity identity)
    {
        await suggestions.ForAsync(StaffActor.System, identity, Today);
        var (sql, parameters) = counter.LastQuery ?? throw new InvalidOperationException("No query was seen.");
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return $"`{string.Join(" · ", plan)}`";
    }

    private sealed record Lookups(Stats Stats, double Commands, int Found, int Suggested);
}
