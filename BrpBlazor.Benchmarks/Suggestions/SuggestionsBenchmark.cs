using System.Globalization;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
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
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DateOnly Today = SuggestionData.Today;

    /// <summary>Measures, reports and returns the app's lookups, for the PostgreSQL run on the same data to compare with.</summary>
    public async Task<SuggestionLookups> RunAsync()
    {
        Console.WriteLine($"Suggestions: {options.SuggestionPreOrders:N0} pre-orders, {options.SuggestionLookups:N0} lookups");
        var counter = new CommandCounter();
        using var database = await BenchDatabase.CreateAsync(folder, "suggestions", counter);
        var seeded = System.Diagnostics.Stopwatch.GetTimestamp();
        var data = SuggestionData.Generate(options);
        await SeedAsync(database, data);
        Console.WriteLine($"    seeded in {Stats.MillisecondsSince(seeded) / 1000:0.0} s ({data.People.Count:N0} distinct personnummer)");

        var identities = data.Identities;
        var suggestions = new RedeemSuggestions(database.Factory);
        var app = await SuggestionData.MeasureAsync(identities, options.SuggestionWarmup, counter, SuggestionData.App(suggestions));
        var plain = new PlainSuggestions(database.Options);
        var baseline = await SuggestionData.MeasureAsync(identities, options.SuggestionWarmup, counter, identity => plain.ForAsync(identity, Today));
        if (app.Found == 0 || app.Suggested != baseline.Suggested)
        {
            throw new InvalidOperationException($"The app found {app.Suggested} suggestions, the plain queries {baseline.Suggested}: the data or a query is wrong.");
        }

        report.Add(Area, $"Suggestions, {options.SuggestionLookups:N0} lookups in {options.SuggestionPreOrders:N0} pre-orders",
            $"p50 {Ms(app.Stats.Median)}, p95 {Ms(app.Stats.Percentile(95))}, p99 {Ms(app.Stats.Percentile(99))} (max {Ms(app.Stats.Max)}); {app.Commands.ToString("0.0", Invariant)} SQL commands per lookup",
            $"plain EF Core LINQ (new context, 2 lookups + 2 name queries): p50 {Ms(baseline.Stats.Median)}, p99 {Ms(baseline.Stats.Percentile(99))}, {baseline.Commands.ToString("0.0", Invariant)} commands",
            "p99 ≤ 1 ms", app.Stats.Percentile(99) <= 1.0);

        report.Note(Area, $"{options.SuggestionPreOrders:N0} pre-orders for {data.People.Count:N0} distinct personnummer (fixed seed {SuggestionData.Seed}) in {SuggestionData.Organisations} organisations, stored with the app's bulk insert; {SuggestionData.BirthDateOnlyShare:P0} have only a birth date; validities current, expired and future; every 11th redeemed and every 17th withdrawn. File {Format.Megabytes(database.FileBytes())}.");
        report.Note(Area, $"Lookups go through `RedeemSuggestions.ForAsync` with the app's context factory (a context per lookup from its pool, as in the wizard), one at a time after {options.SuggestionWarmup:N0} warm-up lookups: 75 % people with pre-orders by personnummer, 10 % people whose pre-order has only their birth date and name, 15 % people without any.");
        report.Note(Area, $"{app.Found:N0} of the {options.SuggestionLookups:N0} lookups found at least one pre-order ({app.Suggested:N0} suggestions); the baseline found the same.");
        report.Note(Area, $"SQLite's plan for the app's query: {await PlanAsync(database, counter, suggestions, identities[0])}");
        return app;
    }

    private static async Task SeedAsync(BenchDatabase database, SuggestionData data)
    {
        IReadOnlyList<int> organisations;
        IReadOnlyList<int> products;
        await using (var db = database.NewContext())
        {
            (organisations, products) = await SuggestionData.AddRegistersAsync(db);
        }

        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var group in data.Groups(organisations, products))
            {
                PreOrderBulkInsert.Insert(db, group, null, CancellationToken.None);
            }

            foreach (var sql in SuggestionData.StatusUpdates)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            await transaction.CommitAsync();
        }
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
}
