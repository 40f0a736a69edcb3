using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Suggestions;

/// <summary>
/// The redeem wizard's suggestions on PostgreSQL: the same 1 000 000 pre-orders and the same lookups as the SQLite area
/// (<see cref="SuggestionData"/>), stored through the app's COPY, then <c>VACUUM (ANALYZE)</c>, then the lookups through
/// <see cref="RedeemSuggestions.ForAsync"/>. The plan of the SQL EF Core sent is checked with <c>EXPLAIN (ANALYZE, BUFFERS,
/// FORMAT JSON)</c>: a sequential scan of the pre-orders fails the run. Needs <c>BRP_BENCH_POSTGRES</c> like import-pg.
/// </summary>
public sealed class PostgreSqlSuggestionsBenchmark(BenchOptions options, Report report, SuggestionLookups? sqlite)
{
    private const string Area = "Suggestions on PostgreSQL";
    private const string DatabaseName = "brp_bench_suggestions";
    private const string Table = "PreOrders";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DateOnly Today = SuggestionData.Today;

    public async Task RunAsync()
    {
        if (Environment.GetEnvironmentVariable("BRP_BENCH_POSTGRES") is not { Length: > 0 } server)
        {
            report.Add(Area, "Suggestions on PostgreSQL", "not measured", "set BRP_BENCH_POSTGRES to a PostgreSQL server (scripts/postgres-test-cluster.sh starts one)");
            return;
        }

        Console.WriteLine($"Suggestions on PostgreSQL: {options.SuggestionPreOrders:N0} pre-orders, {options.SuggestionLookups:N0} lookups");
        await BenchPostgres.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        await BenchPostgres.ExecuteAsync(server, $"CREATE DATABASE \"{DatabaseName}\"");
        try
        {
            await RunOnAsync(new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (options.KeepFiles)
            {
                Console.WriteLine($"    kept the database {DatabaseName}");
            }
            else
            {
                await BenchPostgres.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
            }
        }
    }

    private async Task RunOnAsync(string connectionString)
    {
        var counter = new CommandCounter();
        var capture = new QueryCapture();
        var contextOptions = new DbContextOptionsBuilder<BrpDbContext>().UseBrpPostgreSql(connectionString).AddInterceptors(counter, capture).Options;
        await DatabaseInitializer.MigrateAsync(contextOptions);

        var data = SuggestionData.Generate(options);
        var seeded = System.Diagnostics.Stopwatch.GetTimestamp();
        await SeedAsync(contextOptions, data);
        var copied = Stats.MillisecondsSince(seeded);
        await BenchPostgres.ExecuteAsync(connectionString, $"VACUUM (ANALYZE) \"{Table}\"");
        await BenchPostgres.ExecuteAsync(connectionString, "ANALYZE");
        var filled = Stats.MillisecondsSince(seeded);
        Console.WriteLine($"    stored in {Seconds(copied)}, with VACUUM (ANALYZE) {Seconds(filled)}");

        var identities = data.Identities;
        var suggestions = new RedeemSuggestions(new BrpDbContextFactory(new BrpDatabase(DatabaseName, contextOptions)));
        var app = await SuggestionData.MeasureAsync(identities, options.SuggestionWarmup, counter, SuggestionData.App(suggestions));
        var plain = new PlainSuggestions(contextOptions);
        var baseline = await SuggestionData.MeasureAsync(identities, options.SuggestionWarmup, counter, identity => plain.ForAsync(identity, Today));
        // The app prepares its statements (decision 147). The same lookups once more without: the server plans every lookup afresh.
        var preparedOptions = new DbContextOptionsBuilder<BrpDbContext>()
            .UseBrpPostgreSql(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0 }.ToString()).AddInterceptors(counter).Options;
        var prepared = await SuggestionData.MeasureAsync(
            identities, options.SuggestionWarmup, counter, SuggestionData.App(new RedeemSuggestions(new BrpDbContextFactory(new BrpDatabase(DatabaseName, preparedOptions)))));
        if (app.Found == 0 || app.Suggested != baseline.Suggested || prepared.Suggested != app.Suggested)
        {
            throw new InvalidOperationException($"On PostgreSQL the app found {app.Suggested} suggestions, the plain queries {baseline.Suggested}: the data or a query is wrong.");
        }

        if (sqlite is not null && (sqlite.Found != app.Found || sqlite.Suggested != app.Suggested))
        {
            throw new InvalidOperationException($"The same lookups found {app.Suggested} suggestions on PostgreSQL and {sqlite.Suggested} on SQLite: the data or a query differs between the databases.");
        }

        var p99 = app.Stats.Percentile(99);
        report.Add(Area, $"Suggestions on PostgreSQL, {options.SuggestionLookups:N0} lookups in {options.SuggestionPreOrders:N0} pre-orders",
            $"p50 {Ms(app.Stats.Median)}, p95 {Ms(app.Stats.Percentile(95))}, p99 {Ms(p99)} (max {Ms(app.Stats.Max)}); {app.Commands.ToString("0.0", Invariant)} SQL commands per lookup",
            (sqlite is null ? string.Empty : $"SQLite, same rows and lookups in this run: p50 {Ms(sqlite.Stats.Median)}, p99 {Ms(sqlite.Stats.Percentile(99))}; ")
                + $"plain EF Core LINQ on PostgreSQL: p50 {Ms(baseline.Stats.Median)}, p99 {Ms(baseline.Stats.Percentile(99))}, {baseline.Commands.ToString("0.0", Invariant)} commands",
            "p99 ≤ 1 ms", p99 <= 1.0);
        report.Add(Area, "… the same lookups without automatic preparation (`Max Auto Prepare=0`)",
            $"p50 {Ms(prepared.Stats.Median)}, p95 {Ms(prepared.Stats.Percentile(95))}, p99 {Ms(prepared.Stats.Percentile(99))} (max {Ms(prepared.Stats.Max)})",
            $"the app prepares its {DatabaseProviders.AutoPrepareStatements} most used statements per connection unless told otherwise (above; decision 147)");

        // The plan of each of the app's two queries, for a person who has pre-orders: with a personnummer (both halves), and without one.
        var withNumber = identities.First(i => i.Personnummer is not null);
        var birthDateOnly = data.BirthDateOnly[0];
        var plans = new[]
        {
            ("a person with a personnummer", await ExplainAsync(connectionString, capture, () => suggestions.ForAsync(StaffActor.System, withNumber, Today))),
            ("a person without one", await ExplainAsync(connectionString, capture, () => suggestions.ForAsync(StaffActor.System, new RedeemIdentity(null, birthDateOnly.BirthDate, birthDateOnly.Name), Today))),
            ("the prepared statement's generic plan", await ExplainAsync(connectionString, capture, () => suggestions.ForAsync(StaffActor.System, withNumber, Today), generic: true)),
        };
        var indexed = plans.All(p => p.Item2.ReadsThroughIndex);
        report.Add(Area, "… the plan of the app's query on PostgreSQL (EXPLAIN ANALYZE)",
            string.Join("; ", plans.Select(p => $"{p.Item1}: {p.Item2.AccessPaths}")),
            string.Join("; ", plans.Select(p => $"{p.Item1}: planning {Ms(p.Item2.PlanningMs)}, execution {Ms(p.Item2.ExecutionMs)}, {p.Item2.SharedHit + p.Item2.SharedRead} buffers ({p.Item2.SharedRead} not in shared buffers)")),
            "index scans on PreOrders, no Seq Scan", indexed);
        if (!indexed)
        {
            report.Fail(Area, $"The suggestions read {Table} without an index on PostgreSQL: {string.Join("; ", plans.Select(p => $"{p.Item1}: {p.Item2.AccessPaths}"))}");
        }

        var (version, tableBytes, indexCount, indexBytes) = await SizesAsync(connectionString);
        report.Note(Area, $"The same {data.PreOrders:N0} pre-orders as the SQLite area (fixed seed {SuggestionData.Seed}, {data.People.Count:N0} distinct personnummer, {SuggestionData.Organisations} organisations, the same ids, statuses and validities), stored through the app's binary COPY (`PreOrderCopyInsert`) into a freshly migrated database in {Seconds(copied)}, then the same two status updates, `VACUUM (ANALYZE)` of the table and `ANALYZE`: {Seconds(filled)} in all. Table {Megabytes(tableBytes)}, its {indexCount} indexes {Megabytes(indexBytes)}. PostgreSQL {version} on this machine (the server of `BRP_BENCH_POSTGRES`).");
        report.Note(Area, $"The same {options.SuggestionLookups:N0} lookups after {options.SuggestionWarmup:N0} warm-up lookups, through `RedeemSuggestions.ForAsync` with the app's context factory and Npgsql's connection pool, one at a time over TCP on 127.0.0.1. {app.Found:N0} found at least one pre-order ({app.Suggested:N0} suggestions); the plain queries found the same{(sqlite is null ? string.Empty : ", and so did SQLite")}.");
        report.Note(Area, "Plans: the SQL EF Core sent for one lookup (captured by a command interceptor) under `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` with the same parameters, planned for their values as an unprepared command is; the generic plan is the same SQL under `PREPARE`, `plan_cache_mode = force_generic_plan` and `EXPLAIN (…) EXECUTE` with the same values — the plan a prepared statement may switch to after five executions. A Seq Scan on PreOrders, or no PreOrders index in a plan, fails the run (exit code 1), at the smoke size too.");
        foreach (var (who, plan) in plans)
        {
            report.Note(Area, $"Plan for {who}: `{plan.Nodes}`.");
        }
    }

    private static async Task SeedAsync(DbContextOptions<BrpDbContext> options, SuggestionData data)
    {
        IReadOnlyList<int> organisations;
        IReadOnlyList<int> products;
        await using (var db = new BrpDbContext(options))
        {
            (organisations, products) = await SuggestionData.AddRegistersAsync(db);
        }

        await using (var db = new BrpDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // One COPY of every group in turn: the same order as SQLite's inserts, so the same ids.
            await PreOrderCopyInsert.InsertAsync(db, data.Groups(organisations, products).SelectMany(g => g), null, CancellationToken.None);
            foreach (var sql in SuggestionData.StatusUpdates)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>
    /// Runs one lookup, takes the SQL it sent and asks PostgreSQL how it runs it, with the same parameters: planned for
    /// those values, as an unprepared command is; or, with <paramref name="generic"/>, the plan a prepared statement
    /// may switch to after five executions (one plan for any values), forced with <c>plan_cache_mode</c>.
    /// </summary>
    private static async Task<QueryPlan> ExplainAsync(string connectionString, QueryCapture capture, Func<Task> lookup, bool generic = false)
    {
        capture.Last = null;
        await lookup();
        var (sql, parameters) = capture.Last ?? throw new InvalidOperationException("No query was seen.");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand { Connection = connection };
        if (generic)
        {
            // PREPARE takes $1, $2 …: EF Core's @names in the order of its parameters, the longest first so none is part of another.
            var positional = sql;
            foreach (var (parameter, i) in parameters.Select((p, i) => (p, i)).OrderByDescending(x => x.p.ParameterName.Length))
            {
                var name = parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName;
                positional = positional.Replace(name, $"${i + 1}", StringComparison.Ordinal);
            }

            await using (var prepare = new NpgsqlCommand($"PREPARE brp_suggestions AS {positional}; SET plan_cache_mode = force_generic_plan", connection))
            {
                await prepare.ExecuteNonQueryAsync();
            }

            // EXPLAIN EXECUTE sees no bound parameters: the values go in as literals, typed by the prepared statement.
            command.CommandText = $"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE brp_suggestions({string.Join(", ", parameters.Select(p => Literal(p.Value)))})";
        }
        else
        {
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql;
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        }

        var json = (string)(await command.ExecuteScalarAsync())!;
        return QueryPlan.Parse(json);
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        DateOnly date => $"'{date.ToString("yyyy-MM-dd", Invariant)}'",
        _ => $"'{Convert.ToString(value, Invariant)!.Replace("'", "''", StringComparison.Ordinal)}'",
    };

    private static async Task<(string Version, long TableBytes, long IndexCount, long IndexBytes)> SizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT current_setting('server_version'), pg_table_size('\"{Table}\"'), (SELECT count(*) FROM pg_indexes WHERE tablename = '{Table}'), pg_indexes_size('\"{Table}\"')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The last query EF Core sent, with copies of its parameters (their PostgreSQL types included).</summary>
    private sealed class QueryCapture : DbCommandInterceptor
    {
        public (string Sql, NpgsqlParameter[] Parameters)? Last { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Last = (command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToArray());
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>
/// What <c>EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)</c> said: every node in order, how the pre-orders were read, and
/// whether they were read through an index only (no sequential scan of the table).
/// </summary>
public sealed record QueryPlan(string Nodes, string AccessPaths, bool ReadsThroughIndex, double PlanningMs, double ExecutionMs, long SharedHit, long SharedRead)
{
    private const string Table = "PreOrders";

    public static QueryPlan Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement[0];
        var nodes = new List<JsonElement>();
        Walk(root.GetProperty("Plan"), nodes);

        var described = nodes.Select(Describe).ToList();
        var seqScans = nodes.Where(n => Text(n, "Node Type") == "Seq Scan" && Text(n, "Relation Name") == Table).ToList();
        var indexScans = nodes.Where(n => Text(n, "Index Name") is { } index && index.Contains(Table, StringComparison.Ordinal)).ToList();
        var access = nodes.Where(n => Text(n, "Relation Name") == Table || (Text(n, "Index Name")?.Contains(Table, StringComparison.Ordinal) ?? false)).Select(Describe).ToList();
        var top = root.GetProperty("Plan");
        return new QueryPlan(
            string.Join(" · ", described),
            string.Join(", ", access),
            seqScans.Count == 0 && indexScans.Count > 0,
            root.GetProperty("Planning Time").GetDouble(),
            root.GetProperty("Execution Time").GetDouble(),
            Number(top, "Shared Hit Blocks"),
            Number(top, "Shared Read Blocks"));
    }

    private static void Walk(JsonElement node, List<JsonElement> nodes)
    {
        nodes.Add(node);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }

    private static string Describe(JsonElement node)
    {
        var text = Text(node, "Node Type")!;
        if (Text(node, "Index Name") is { } index)
        {
            text += $" using {index}";
        }

        if (Text(node, "Relation Name") is { } relation)
        {
            text += $" on {relation}";
        }

        return text;
    }

    private static string? Text(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static long Number(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetInt64() : 0;
}
