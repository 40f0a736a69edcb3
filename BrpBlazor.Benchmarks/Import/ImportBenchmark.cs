using System.Globalization;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using static BrpBlazor.Benchmarks.Harness.Format;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Benchmarks.Import;

/// <summary>
/// Importera förbeställningar through the app's own service (read, check, duplicate check, store with every index) into a
/// fresh SQLite file, next to what a user would otherwise have on the same rows: sqlite3's .import (the floor), EF Core Add +
/// SaveChanges per row and EF Core AddRange + one SaveChanges.
/// </summary>
public sealed class ImportBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Import";
    private const int Seed = 20261129;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly FixedClock Clock = new(FixedClock.BenchmarkToday);
    private static readonly StaffActor Actor = new("bench-import", "Benchmark", new HashSet<Right> { Right.Organisation });

    private BenchDatabase? template;
    private int organisationId;
    private int productId;

    private DateRange Validity => new(Clock.Today, Clock.Today.AddMonths(6));

    public async Task RunAsync()
    {
        Console.WriteLine($"Import: {options.ImportLines:N0} lines");
        template = await BenchDatabase.CreateAsync(folder, "import-template");
        await using (var db = template.NewContext())
        {
            var product = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
            var organisation = await Registers.AddOrganisationAsync(db, "Förbeställning AB", (product, 299));
            (organisationId, productId) = (organisation.Id, product.Id);
        }

        // The generated people are written and let go: the import's heap should hold the import, not the benchmark.
        var file = Path.Combine(folder, "preorders.csv");
        PreOrderFile.Write(file, PreOrderFile.People(options.ImportLines, Seed));

        // Warm-up: JIT (until the hot loops run optimised code), EF Core's model and query cache, SQLite's code paths.
        await ImportAsync(Path.Combine(folder, "warmup.csv"), PreOrderFile.People(Math.Min(2_000, options.ImportLines), Seed + 1), "import-warmup", keep: false);
        await ImportFileAsync(file, options.ImportLines, "import-warmup-full", keep: false);

        var runs = new List<ImportRun>();
        for (var i = 0; i < options.ImportRuns; i++)
        {
            runs.Add(await ImportFileAsync(file, options.ImportLines, $"import-{i}", keep: i == 0));
        }

        var app = runs.OrderBy(r => r.TotalMs).ElementAt(runs.Count / 2);
        var peak = runs.Max(r => r.PeakHeapBytes);
        var rowsCsv = ExportRows("import-0");
        var floor = SqliteFloor(rowsCsv, options.ImportLines, runs.Count);
        var people = PreOrderFile.People(options.ImportLines, Seed);
        var perRow = await EfPerRowAsync(people.Take(options.EfPerRowLines).ToList());
        var addRange = await EfAddRangeAsync(people.Take(options.EfAddRangeLines).ToList());

        var lines = options.ImportLines;
        report.Add(Area, $"Import {lines:N0} lines (read, check, store)", $"{Seconds(app.TotalMs)} ({PerSecond(lines, app.TotalMs)} lines/s; read+check {Seconds(app.ParseMs)}, store {Seconds(app.ConfirmMs)})",
            floor is { } f ? $"sqlite3 .import of the same rows: {Seconds(f)} → {Ratio(app.TotalMs / f)} of the floor" : "sqlite3 not installed",
            "≤ 2.5 × sqlite3 .import", floor is { } fl ? app.TotalMs <= 2.5 * fl : null);
        var perRowTotal = perRow * lines;
        report.Add(Area, "… against EF Core Add + SaveChanges per row", $"{Ratio(perRowTotal / app.TotalMs)} faster",
            $"{perRow.ToString("0.00", Invariant)} ms/row over {options.EfPerRowLines:N0} rows → {Seconds(perRowTotal)} for {lines:N0}",
            "≥ 150 × faster", perRowTotal / app.TotalMs >= 150);
        report.Add(Area, "… against EF Core AddRange + one SaveChanges", $"{Ratio(addRange / app.TotalMs)} faster", $"{Seconds(addRange)} for {options.EfAddRangeLines:N0} rows");
        report.Add(Area, "Peak managed heap during the import", $"{Megabytes(peak)}", $"{Megabytes(app.AllocatedBytes)} allocated in all, file {Megabytes(new FileInfo(file).Length)}",
            "≤ 150 MB", peak <= 150L * 1024 * 1024);

        report.Note(Area, $"A {lines:N0}-line Windows-1252 file (semicolons, header, names with å/ä/ö, {PreOrderFile.BirthDateOnlyShare:P0} of the lines with only a birth date, fixed seed {Seed}) is imported through `PreOrderImport.ParseAsync` + `ConfirmAsync` into a fresh, migrated SQLite file (WAL) with the PreOrders table's five indexes; every line is accepted and stored (checked).");
        report.Note(Area, $"The app's time includes reading and checking the file; the baselines start from ready rows: sqlite3 gets the rows exactly as the app stored them (exported with `.mode csv`), with `PRAGMA foreign_keys=ON` like EF Core and the same page cache as the app's bulk insert (`PRAGMA cache_size`), in one transaction; EF Core gets ready `PreOrder` entities. Median of {options.ImportRuns} runs for the app and sqlite3, after two warm-up imports (a small one and one of the same file); the EF Core figures are single runs.");
        report.Note(Area, "Peak managed heap: `GC.GetTotalMemory(false)` sampled every millisecond during the import (garbage not yet collected counts too), after a full collection before the run.");

        if (options.Large)
        {
            await LargeAsync();
        }
    }

    private async Task LargeAsync()
    {
        var lines = options.LargeImportLines;
        Console.WriteLine($"Import: {lines:N0} lines (--large)");
        var file = Path.Combine(folder, "preorders-large.csv");
        PreOrderFile.Write(file, PreOrderFile.People(lines, Seed + 2));
        var run = await ImportFileAsync(file, lines, "import-large", keep: true);
        var floor = SqliteFloor(ExportRows("import-large"), lines, runs: 1);
        report.Add(Area, $"Import {lines:N0} lines (--large)", $"{Seconds(run.TotalMs)} ({PerSecond(lines, run.TotalMs)} lines/s; read+check {Seconds(run.ParseMs)}, store {Seconds(run.ConfirmMs)}; peak heap {Megabytes(run.PeakHeapBytes)})",
            floor is { } f ? $"sqlite3 .import: {Seconds(f)} → {Ratio(run.TotalMs / f)}" : "sqlite3 not installed",
            "≤ 10 s", run.TotalMs <= 10_000);
        report.Note(Area, $"--large: the app refuses files over {new ImportSettings(0, 0, Validity).MaxLines:N0} lines or {ImportSettings.DefaultMaxFileMegabytes} MB (a guard for the preview's memory, docs/decisions/032); the 1 000 000-line run lifts both limits through `ImportSettings` to measure the same engine.");
    }

    private async Task<ImportRun> ImportAsync(string file, List<Data.GeneratedPerson> people, string name, bool keep)
    {
        PreOrderFile.Write(file, people);
        return await ImportFileAsync(file, people.Count, name, keep);
    }

    private async Task<ImportRun> ImportFileAsync(string file, int lines, string name, bool keep)
    {
        // Off the previous run's stack first: its frames (and its preview) would otherwise still be live here.
        await Task.Yield();
        var database = BenchDatabase.CopyOf(template!, name);
        try
        {
            var import = new PreOrderImport(database.Factory, Clock, BenchSpool.Folder);
            var settings = new ImportSettings(organisationId, productId, Validity)
            {
                MaxLines = Math.Max(lines, 200_000),
                MaxFileBytes = Math.Max(ImportSettings.Megabytes(ImportSettings.DefaultMaxFileMegabytes), new FileInfo(file).Length),
            };

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var peak = HeapPeak.Start();
            var startHeap = GC.GetTotalMemory(false);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Result<ImportPreview> preview;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                preview = await import.ParseAsync(Actor, stream, Path.GetFileName(file), settings);
            }

            var parsed = Stats.MillisecondsSince(started);
            if (!preview.IsSuccess || preview.Value.OkCount != lines)
            {
                throw new InvalidOperationException($"The import preview did not accept every line: {(preview.IsSuccess ? $"{preview.Value.OkCount} ok, {preview.Value.ErrorCount} errors, {preview.Value.DuplicateCount} duplicates" : preview.FirstError!.Message)}");
            }

            if (Environment.GetEnvironmentVariable("BRP_DIAG") == "1")
            {
                var a1 = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
                var live = GC.GetTotalMemory(true);
                Console.WriteLine($"    DIAG parse allocated {Megabytes(a1)}, live after parse {Megabytes(live)}, gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
            }

            var confirmed = await import.ConfirmAsync(Actor, preview.Value);
            var total = Stats.MillisecondsSince(started);
            peak.Dispose();
            if (!confirmed.IsSuccess || confirmed.Value.Stored != lines)
            {
                throw new InvalidOperationException($"The import did not store every line: {(confirmed.IsSuccess ? confirmed.Value.Stored.ToString(Invariant) : confirmed.FirstError!.Message)}");
            }

            await using (var db = database.NewContext())
            {
                var stored = await db.PreOrders.CountAsync();
                if (stored != lines)
                {
                    throw new InvalidOperationException($"{stored} pre-orders in the database, expected {lines}.");
                }
            }

            if (Environment.GetEnvironmentVariable("BRP_DIAG") == "1")
            {
                Console.WriteLine($"    DIAG start {Megabytes(startHeap)} allocated {Megabytes(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore)} peak {Megabytes(peak.PeakBytes)} gen0 {GC.CollectionCount(0)}");
            }

            var run = new ImportRun(total, parsed, total - parsed, peak.PeakBytes, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            Console.WriteLine($"    {name}: {Seconds(run.TotalMs)} (read+check {Seconds(run.ParseMs)}, store {Seconds(run.ConfirmMs)}), peak heap {Megabytes(run.PeakHeapBytes)}");
            return run;
        }
        finally
        {
            if (!keep)
            {
                database.Dispose();
            }
            else
            {
                database.Close();
            }
        }
    }

    /// <summary>The rows exactly as the app stored them, as CSV for sqlite3's .import (NULL becomes an empty field).</summary>
    private string? ExportRows(string name)
    {
        var source = Path.Combine(folder, name + ".db");
        if (SqliteCli.Path is null)
        {
            return null;
        }

        var rows = Path.Combine(folder, name + "-rows.csv");
        SqliteCli.Run(source, "-bail", $".mode csv\n.output '{rows}'\nSELECT * FROM \"PreOrders\" ORDER BY \"Id\";\n.output stdout\n");
        return rows;
    }

    /// <summary>sqlite3 .import of the same rows into the same (migrated) table, median of <paramref name="runs"/>.</summary>
    private double? SqliteFloor(string? rowsCsv, int lines, int runs)
    {
        if (rowsCsv is null)
        {
            return null;
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var database = BenchDatabase.CopyOf(template!, $"sqlite-{i}");
            try
            {
                // The batch the exported rows refer to (the app's import created batch 1 in its fresh file).
                SqliteCli.Run(database.FilePath, "-bail",
                    $"INSERT INTO \"ImportBatches\" (\"Id\", \"OrganisationId\", \"ProductId\", \"ValidFrom\", \"ValidTo\", \"FileName\", \"CreatedBy\", \"CreatedByName\", \"CreatedUtc\", \"TotalLines\", \"OkLines\", \"ErrorLines\", \"DuplicateLines\", \"StoredLines\") " +
                    $"VALUES (1, {organisationId}, {productId}, '2026-03-16', '2026-09-16', 'x.csv', 'bench', 'Benchmark', '2026-03-16 09:00:00', 0, 0, 0, 0, 0);\n");
                var (_, ms) = SqliteCli.Run(database.FilePath, "-bail", $"PRAGMA foreign_keys=ON;\nPRAGMA cache_size=-{PreOrderBulkInsert.PageCacheKibibytes};\n.mode csv\n.import '{rowsCsv}' PreOrders\n");
                var (count, _) = SqliteCli.Run(database.FilePath, "-bail", "SELECT count(*) FROM \"PreOrders\";\n");
                if (int.Parse(count.Trim(), Invariant) != lines)
                {
                    throw new InvalidOperationException($"sqlite3 imported {count.Trim()} rows, expected {lines}.");
                }

                times.Add(ms);
                Console.WriteLine($"    sqlite3 .import {lines:N0} rows: {Seconds(ms)}");
            }
            finally
            {
                database.Dispose();
            }
        }

        return new Stats(times).Median;
    }

    /// <summary>EF Core Add + SaveChanges per row, one context (the loop a first version would have): milliseconds per row.</summary>
    private async Task<double> EfPerRowAsync(List<Data.GeneratedPerson> people)
    {
        using var database = BenchDatabase.CopyOf(template!, "ef-per-row");
        var batchId = await AddBatchAsync(database);
        await using var db = database.NewContext();
        var rows = Entities(people, batchId);
        foreach (var warm in Entities(people.Take(20).Select(p => p with { Personnummer = null }).ToList(), batchId))
        {
            db.PreOrders.Add(warm);
            await db.SaveChangesAsync();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var row in rows)
        {
            db.PreOrders.Add(row);
            await db.SaveChangesAsync();
        }

        var ms = Stats.MillisecondsSince(started);
        Console.WriteLine($"    EF Core Add + SaveChanges per row: {rows.Count:N0} rows in {Seconds(ms)}");
        return ms / rows.Count;
    }

    /// <summary>EF Core AddRange + one SaveChanges: milliseconds for all rows.</summary>
    private async Task<double> EfAddRangeAsync(List<Data.GeneratedPerson> people)
    {
        using var database = BenchDatabase.CopyOf(template!, "ef-add-range");
        var batchId = await AddBatchAsync(database);
        var rows = Entities(people, batchId);
        HeapPeak.FullCollection();
        await using var db = database.NewContext();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        db.PreOrders.AddRange(rows);
        await db.SaveChangesAsync();
        var ms = Stats.MillisecondsSince(started);
        Console.WriteLine($"    EF Core AddRange + one SaveChanges: {rows.Count:N0} rows in {Seconds(ms)}");
        return ms;
    }

    private async Task<int> AddBatchAsync(BenchDatabase database)
    {
        await using var db = database.NewContext();
        var batch = ImportBatch.Create(organisationId, productId, Validity, "ef.csv", Actor.Id, Actor.Name, Clock.UtcNow, 0, 0, 0, 0);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Id;
    }

    private List<PreOrder> Entities(IEnumerable<Data.GeneratedPerson> people, int batchId) =>
        people.Select(p => PreOrder.Create(
            new PreOrderDraft(organisationId, productId, Validity, p.Name, p.Personnummer, p.BirthDate, p.Email), Actor.Id, Clock.UtcNow, batchId)).ToList();

    private sealed record ImportRun(double TotalMs, double ParseMs, double ConfirmMs, long PeakHeapBytes, long AllocatedBytes);
}
