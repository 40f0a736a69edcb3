using System.Diagnostics;
using System.Globalization;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Import;

/// <summary>
/// Importera förbeställningar on PostgreSQL through the app's own service (read, check, duplicate check, COPY with every
/// index) next to the floor: <c>psql \copy</c> of exactly the rows the app stored, into the same migrated table.
/// Needs <c>BRP_BENCH_POSTGRES</c>, a connection string to a PostgreSQL server's maintenance database (.ci/run starts a
/// throwaway cluster); without it the area says so and measures nothing.
/// </summary>
public sealed class PostgreSqlImportBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Import on PostgreSQL";
    private const int Seed = 20261202;
    private static readonly FixedClock Clock = new(FixedClock.BenchmarkToday);
    private static readonly StaffActor Actor = new("bench-import", "Benchmark", new HashSet<Right> { Right.Organisation });
    private readonly List<string> databases = [];
    private string server = string.Empty;

    private DateRange Validity => new(Clock.Today, Clock.Today.AddMonths(6));

    public async Task RunAsync()
    {
        if (Environment.GetEnvironmentVariable("BRP_BENCH_POSTGRES") is not { Length: > 0 } configured)
        {
            report.Add(Area, "Import on PostgreSQL", "not measured", "set BRP_BENCH_POSTGRES to a PostgreSQL server (scripts/postgres-test-cluster.sh starts one)");
            return;
        }

        server = configured;
        var lines = options.ImportLines;
        Console.WriteLine($"Import on PostgreSQL: {lines:N0} lines");
        try
        {
            var template = await CreateDatabaseAsync("brp_bench_template", template: null);
            int organisationId;
            int productId;
            await using (var db = new BrpDbContext(Options(template)))
            {
                await DatabaseInitializer.MigrateAsync(Options(template));
                var product = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
                var organisation = await Registers.AddOrganisationAsync(db, "Förbeställning AB", (product, 299));
                (organisationId, productId) = (organisation.Id, product.Id);
            }

            NpgsqlConnection.ClearAllPools();
            var file = Path.Combine(folder, "preorders-pg.csv");
            PreOrderFile.Write(file, PreOrderFile.People(lines, Seed));

            var runs = new List<(double Total, double Parse, double Store)>();
            string? stored = null;
            for (var i = 0; i < options.ImportRuns + 1; i++)
            {
                var database = await CreateDatabaseAsync($"brp_bench_import_{i}", "brp_bench_template");
                var run = await ImportAsync(database, file, lines, organisationId, productId);
                if (i == 0)
                {
                    continue; // warm-up: JIT, EF Core's model, Npgsql's type handlers
                }

                runs.Add(run);
                stored ??= database;
                Console.WriteLine($"    import: {Seconds(run.Total)} (read+check {Seconds(run.Parse)}, store {Seconds(run.Store)})");
            }

            var app = runs.OrderBy(r => r.Total).ElementAt(runs.Count / 2);
            var floor = PsqlCopyFloor(stored!, lines);
            report.Add(Area, $"Import {lines:N0} lines on PostgreSQL (read, check, store)",
                $"{Seconds(app.Total)} ({PerSecond(lines, app.Total)} lines/s; read+check {Seconds(app.Parse)}, store {Seconds(app.Store)})",
                floor is { } f ? $"psql \\copy of the same rows: {Seconds(f)} → {Ratio(app.Total / f)} of the floor" : "psql not installed",
                "≤ 1.5 × psql \\copy", floor is { } fl ? app.Total <= 1.5 * fl : null);
            if (floor is { } copy)
            {
                report.Add(Area, "… the store step alone against psql \\copy", $"{Seconds(app.Store)}", $"{Ratio(app.Store / copy)} of the floor");
            }

            report.Note(Area, $"The same kind of file as the SQLite import ({lines:N0} lines, Windows-1252, fixed seed {Seed}) through `PreOrderImport.ParseAsync` + `ConfirmAsync` into a fresh database copied from a migrated template (the PreOrders table with its indexes), on the PostgreSQL server of `BRP_BENCH_POSTGRES` on this machine. Median of {options.ImportRuns} runs after one warm-up.");
            report.Note(Area, "The floor: the rows exactly as the app stored them, exported with `\\copy (SELECT …) TO` and loaded with `psql -c \"\\copy \\\"PreOrders\\\" (…) FROM … CSV\"` into a fresh copy of the same template (its import batch row first, untimed). The app's time includes reading and checking the file, psql's does not.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var database in databases)
            {
                await BenchPostgres.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
    }

    private async Task<(double Total, double Parse, double Store)> ImportAsync(string database, string file, int lines, int organisationId, int productId)
    {
        await Task.Yield();
        var factory = new BrpDbContextFactory(new BrpDatabase(database, Options(database)));
        var import = new PreOrderImport(factory, Clock, BenchSpool.Folder);
        var settings = new ImportSettings(organisationId, productId, Validity)
        {
            MaxLines = Math.Max(lines, 200_000),
            MaxFileBytes = Math.Max(ImportSettings.Megabytes(ImportSettings.DefaultMaxFileMegabytes), new FileInfo(file).Length),
        };
        var started = Stopwatch.GetTimestamp();
        Result<ImportPreview> preview;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            preview = await import.ParseAsync(Actor, stream, Path.GetFileName(file), settings);
        }

        var parsed = Stats.MillisecondsSince(started);
        if (!preview.IsSuccess || preview.Value.OkCount != lines)
        {
            throw new InvalidOperationException($"The import preview did not accept every line: {(preview.IsSuccess ? preview.Value.OkCount.ToString(CultureInfo.InvariantCulture) : preview.FirstError!.Message)}");
        }

        var confirmed = await import.ConfirmAsync(Actor, preview.Value);
        var total = Stats.MillisecondsSince(started);
        if (!confirmed.IsSuccess || confirmed.Value.Stored != lines)
        {
            throw new InvalidOperationException($"The import did not store every line: {(confirmed.IsSuccess ? confirmed.Value.Stored.ToString(CultureInfo.InvariantCulture) : confirmed.FirstError!.Message)}");
        }

        await using var db = factory.CreateDbContext();
        if (await db.PreOrders.CountAsync() != lines)
        {
            throw new InvalidOperationException("The database does not hold every imported line.");
        }

        return (total, parsed, total - parsed);
    }

    /// <summary>psql \copy of the rows the app stored in <paramref name="source"/>, into a fresh copy of the template.</summary>
    private double? PsqlCopyFloor(string source, int lines)
    {
        var psql = new[] { "/usr/bin/psql" }.FirstOrDefault(File.Exists) ?? Directory.EnumerateFiles("/usr/lib/postgresql", "psql", SearchOption.AllDirectories).FirstOrDefault();
        if (psql is null)
        {
            return null;
        }

        const string Columns = "\"Id\", \"OrganisationId\", \"ProductId\", \"ValidFrom\", \"ValidTo\", \"Name\", \"NameKey\", \"Personnummer\", \"BirthDate\", \"Email\", \"Source\", \"ImportBatchId\", \"Status\", \"CreatedBy\", \"CreatedUtc\", \"Version\"";
        var rows = Path.Combine(folder, "pg-rows.csv");
        var batch = Path.Combine(folder, "pg-batch.csv");
        Psql(psql, source, $"\\copy (SELECT {Columns} FROM \"PreOrders\" ORDER BY \"Id\") TO '{rows}' WITH (FORMAT csv)");
        Psql(psql, source, $"\\copy \"ImportBatches\" TO '{batch}' WITH (FORMAT csv)");
        var target = CreateDatabaseAsync("brp_bench_floor", "brp_bench_template").GetAwaiter().GetResult();
        Psql(psql, target, $"\\copy \"ImportBatches\" FROM '{batch}' WITH (FORMAT csv)");
        var ms = Psql(psql, target, $"\\copy \"PreOrders\" ({Columns}) FROM '{rows}' WITH (FORMAT csv)");
        Console.WriteLine($"    psql \\copy {lines:N0} rows: {Seconds(ms)}");
        return ms;
    }

    private double Psql(string psql, string database, string command)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
        var info = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "ON_ERROR_STOP=1", "-q", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", database, "-c", command })
        {
            info.ArgumentList.Add(argument);
        }

        if (builder.Password is { } password)
        {
            info.Environment["PGPASSWORD"] = password;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var ms = Stats.MillisecondsSince(started);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {error.Result}");
        }

        return ms;
    }

    private DbContextOptions<BrpDbContext> Options(string database) =>
        new DbContextOptionsBuilder<BrpDbContext>().UseBrpPostgreSql(new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString()).Options;

    private async Task<string> CreateDatabaseAsync(string name, string? template)
    {
        await BenchPostgres.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await BenchPostgres.ExecuteAsync(server, template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        databases.Add(name);
        return name;
    }
}
