using System.Globalization;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using MiniExcelLibs;
using static BrpBlazor.Benchmarks.Harness.Format;

namespace BrpBlazor.Benchmarks.Import;

/// <summary>
/// <c>import-xlsx</c> (issue 18): the same rows as an Excel workbook and as the CSV file Excel would save, each imported
/// through the app's own service (read, check, store) into a fresh SQLite file; the workbook within 2 × the CSV's time,
/// with peak managed heap ≤ 200 MB.
/// </summary>
public sealed class WorkbookImportBenchmark(BenchOptions options, Report report, string folder)
{
    private const string Area = "Import (workbook)";
    private const int Seed = 20261202;
    private static readonly FixedClock Clock = new(FixedClock.BenchmarkToday);
    private static readonly StaffActor Actor = new("bench-import", "Benchmark", new HashSet<Right> { Right.Organisation });

    private BenchDatabase? template;
    private int organisationId;
    private int productId;

    private DateRange Validity => new(Clock.Today, Clock.Today.AddMonths(6));

    public async Task RunAsync()
    {
        var lines = options.ImportLines;
        Console.WriteLine($"Import (workbook): {lines:N0} rows");
        template = await BenchDatabase.CreateAsync(folder, "xlsx-template");
        await using (var db = template.NewContext())
        {
            var product = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
            var organisation = await Registers.AddOrganisationAsync(db, "Arbetsbok AB", (product, 299));
            (organisationId, productId) = (organisation.Id, product.Id);
        }

        var people = PreOrderFile.People(lines, Seed);
        var csv = Path.Combine(folder, "preorders-xlsx.csv");
        var xlsx = Path.Combine(folder, "preorders.xlsx");
        PreOrderFile.Write(csv, people);
        WriteWorkbook(xlsx, people);
        people = null;

        // Warm-up: JIT and EF Core for both readers.
        await ImportFileAsync(csv, lines, "xlsx-warmup-csv");
        await ImportFileAsync(xlsx, lines, "xlsx-warmup-xlsx");

        var csvRuns = new List<(double Ms, long Peak)>();
        var xlsxRuns = new List<(double Ms, long Peak)>();
        for (var i = 0; i < options.ImportRuns; i++)
        {
            csvRuns.Add(await ImportFileAsync(csv, lines, $"xlsx-csv-{i}"));
            xlsxRuns.Add(await ImportFileAsync(xlsx, lines, $"xlsx-xlsx-{i}"));
        }

        var csvMs = csvRuns.Select(r => r.Ms).Order().ElementAt(csvRuns.Count / 2);
        var xlsxMs = xlsxRuns.Select(r => r.Ms).Order().ElementAt(xlsxRuns.Count / 2);
        var peak = xlsxRuns.Max(r => r.Peak);
        report.Add(Area, $"Import a {lines:N0}-row workbook (read, check, store)", $"{Seconds(xlsxMs)} ({PerSecond(lines, xlsxMs)} rows/s)",
            $"the same rows as CSV: {Seconds(csvMs)} → {Ratio(xlsxMs / csvMs)}", "≤ 2 × the CSV", xlsxMs <= 2 * csvMs);
        report.Add(Area, "Peak managed heap during the workbook import", Megabytes(peak),
            $"CSV: {Megabytes(csvRuns.Max(r => r.Peak))}; workbook {Megabytes(new FileInfo(xlsx).Length)}, CSV {Megabytes(new FileInfo(csv).Length)}",
            "≤ 200 MB", peak <= 200L * 1024 * 1024);
        report.Note(Area, $"The same generated people (fixed seed {Seed}) as a Windows-1252 CSV with semicolons and as an .xlsx written by MiniExcel: one sheet, a header row, a third of the personnummer stored as numbers, the birth-date-only lines as Excel dates. Each file goes through `PreOrderImport.ParseAsync` + `ConfirmAsync` (the workbook also through the unpack check of docs/decisions/114); median of {options.ImportRuns} runs each after one warm-up of each; peak heap as in the CSV import.");
    }

    private static void WriteWorkbook(string path, IReadOnlyList<GeneratedPerson> people)
    {
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            var i = 0;
            foreach (var p in people)
            {
                object? identity = p.Personnummer is { } number
                    ? i++ % 3 == 0 ? long.Parse(number.Value, CultureInfo.InvariantCulture) : number.Formatted
                    : p.BirthDate.ToDateTime(TimeOnly.MinValue);
                yield return new Dictionary<string, object?> { ["Namn"] = p.Name, ["Personnummer"] = identity, ["E-postadress"] = p.Email };
            }
        }

        MiniExcel.SaveAs(path, Rows(), overwriteFile: true);
    }

    private async Task<(double Ms, long Peak)> ImportFileAsync(string file, int lines, string name)
    {
        await Task.Yield();
        using var database = BenchDatabase.CopyOf(template!, name);
        var import = new PreOrderImport(database.Factory, Clock, BenchSpool.Folder);
        var settings = new ImportSettings(organisationId, productId, Validity) { MaxLines = Math.Max(lines, 200_000) };
        using var peak = HeapPeak.Start();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Result<ImportPreview> preview;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            preview = await import.ParseAsync(Actor, stream, Path.GetFileName(file), settings);
        }

        if (!preview.IsSuccess || preview.Value.OkCount != lines)
        {
            throw new InvalidOperationException($"{name}: the preview did not accept every line: {(preview.IsSuccess ? $"{preview.Value.OkCount} ok, {preview.Value.ErrorCount} errors, {preview.Value.DuplicateCount} duplicates; first: {(preview.Value.ProblemCount > 0 ? preview.Value.ProblemLines[0].Reason : null)}" : preview.FirstError!.Message)}");
        }

        var confirmed = await import.ConfirmAsync(Actor, preview.Value);
        var ms = Stats.MillisecondsSince(started);
        peak.Dispose();
        if (!confirmed.IsSuccess || confirmed.Value.Stored != lines)
        {
            throw new InvalidOperationException($"{name}: the import did not store every line.");
        }

        Console.WriteLine($"    {name}: {Seconds(ms)}, peak heap {Megabytes(peak.PeakBytes)}");
        return (ms, peak.PeakBytes);
    }

}
