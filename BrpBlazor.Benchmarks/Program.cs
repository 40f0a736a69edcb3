using System.Globalization;
using System.Text;
using BrpBlazor.Benchmarks.Circuits;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Benchmarks.Import;
using BrpBlazor.Benchmarks.Previews;
using BrpBlazor.Benchmarks.Suggestions;

namespace BrpBlazor.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project BrpBlazor.Benchmarks -- all</c>: runs the benchmarks, prints the table and writes it to
/// docs/performance.md (a <c>--smoke</c> run writes to artifacts/benchmarks/ instead).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Windows-1252 (what Excel writes) for the generated pre-order files, as in the app.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        if (args is [CircuitServer.Command, ..])
        {
            // The app server of the circuits benchmark runs in its own process, so its heap holds nothing of the browser driver.
            return await CircuitServer.RunAsync(args[1..]);
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var time = TimeProvider.System;
        var machine = MachineInfo.Capture(time);
        var report = new Report(machine, options.CommandLine, options.Smoke);
        var folder = Path.Combine(Path.GetTempPath(), $"brp-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"BrpBlazor benchmarks{(options.Smoke ? " (smoke size)" : string.Empty)}: {string.Join(", ", BenchOptions.Areas.Where(options.Run.Contains))}; work files in {folder}");
        try
        {
            if (options.Run.Contains("import"))
            {
                await new ImportBenchmark(options, report, folder).RunAsync();
            }

            if (options.Run.Contains("import-xlsx"))
            {
                await new WorkbookImportBenchmark(options, report, folder).RunAsync();
            }

            if (options.Run.Contains("import-pg"))
            {
                await new PostgreSqlImportBenchmark(options, report, folder).RunAsync();
            }

            // Both suggestion areas hold the same rows and answer the same lookups; run together, they are compared.
            var sqliteSuggestions = options.Run.Contains("suggestions") ? await new SuggestionsBenchmark(options, report, folder).RunAsync() : null;
            if (options.Run.Contains("suggestions-pg"))
            {
                await new PostgreSqlSuggestionsBenchmark(options, report, sqliteSuggestions).RunAsync();
            }

            if (options.Run.Contains("previews"))
            {
                await new PreviewsBenchmark(options, report, folder).RunAsync();
            }

            if (options.Run.Contains("circuits"))
            {
                await new CircuitsBenchmark(options, report, folder).RunAsync();
            }

            if (options.Run.Contains("circuits-idle"))
            {
                await new IdleCircuitsBenchmark(options, report, folder).RunAsync();
            }

            if (options.Run.Contains("circuits-two"))
            {
                await new TwoServersBenchmark(options, report).RunAsync();
            }
        }
        finally
        {
            if (!options.KeepFiles)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        machine.Finish(time);
        report.PrintTable();
        // Only a full-size run of every area replaces docs/performance.md; a smoke or a single area goes to artifacts/.
        var complete = !options.Smoke && options.Run.Count == BenchOptions.Areas.Length;
        var output = options.Output ?? RepositoryFile(complete
            ? Path.Combine("docs", "performance.md")
            : Path.Combine("artifacts", "benchmarks", options.Smoke ? "performance-smoke.md" : $"performance-{string.Join('-', BenchOptions.Areas.Where(options.Run.Contains))}.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var appendix = RepositoryFile(Path.Combine("BrpBlazor.Benchmarks", "Findings.md"));
        await File.WriteAllTextAsync(output, report.ToMarkdown(!options.Smoke && File.Exists(appendix) ? await File.ReadAllTextAsync(appendix) : null));
        Console.WriteLine($"Written to {output}");
        foreach (var failure in report.Failures)
        {
            Console.Error.WriteLine($"Failed: {failure}");
        }

        return report.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The repository root is where BrpBlazor.sln is, above the build output.</summary>
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BrpBlazor.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), relative);
    }
}
