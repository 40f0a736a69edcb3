using System.Globalization;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>What to run and at which size. <c>--smoke</c> is a tiny size for CI: it checks the code paths, not the speed.</summary>
public sealed record BenchOptions
{
    public static readonly string[] Areas = ["import", "import-xlsx", "import-pg", "suggestions", "suggestions-pg", "previews", "circuits", "circuits-idle", "circuits-two"];

    public required IReadOnlySet<string> Run { get; init; }

    public bool Smoke { get; init; }

    public bool Large { get; init; }

    /// <summary>Where the Markdown goes; null means docs/performance.md (full size) or artifacts/benchmarks/ (smoke).</summary>
    public string? Output { get; init; }

    public bool KeepFiles { get; init; }

    /// <summary>With <c>--gcdump DIR</c>, heap dumps of the circuits server (needs the dotnet-gcdump tool).</summary>
    public string? GcDumpFolder { get; init; }

    public int ImportLines => Smoke ? 2_000 : 100_000;

    public int LargeImportLines => Smoke ? 10_000 : 1_000_000;

    public int ImportRuns => Smoke ? 1 : 3;

    public int EfPerRowLines => Smoke ? 100 : 2_000;

    public int EfAddRangeLines => ImportLines;

    public int SuggestionPreOrders => Smoke ? 20_000 : 1_000_000;

    public int SuggestionPeople => Smoke ? 12_000 : 600_000;

    public int SuggestionLookups => Smoke ? 500 : 10_000;

    /// <summary>Lookups before the measured ones, until the JIT has optimised the hot paths.</summary>
    public int SuggestionWarmup => Smoke ? 200 : 2_000;

    public int PreviewSubscriptions => Smoke ? 3 : 20;

    public int PreviewIterations => Smoke ? 300 : 10_000;

    public int Circuits { get; init; } = 50;

    public int CircuitPages => Smoke ? 2 : Circuits;

    public int RoundTripsPerPage => Smoke ? 2 : 4;

    /// <summary>Tablets left idle until paused (decision 135), then touched.</summary>
    public int IdleTablets => Smoke ? 2 : 60;

    /// <summary>Tablets spread over two app servers on PostgreSQL, in pairs on the same member.</summary>
    public int TwoServerTablets => Smoke ? 4 : 60;

    public string CommandLine { get; init; } = string.Empty;

    public static BenchOptions Parse(string[] args)
    {
        var run = new HashSet<string>(StringComparer.Ordinal);
        var smoke = false;
        var large = false;
        var keep = false;
        string? output = null;
        string? gcdump = null;
        var circuits = 50;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "all":
                    run.UnionWith(Areas);
                    break;
                case var area when Areas.Contains(area):
                    run.Add(area);
                    break;
                case "--smoke":
                    smoke = true;
                    break;
                case "--large":
                    large = true;
                    break;
                case "--keep-files":
                    keep = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--gcdump" when i + 1 < args.Length:
                    gcdump = Path.GetFullPath(args[++i]);
                    break;
                case "--circuits" when i + 1 < args.Length:
                    circuits = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use: all | {string.Join(" | ", Areas)} [--large] [--smoke] [--out file.md] [--circuits N] [--keep-files] [--gcdump DIR]");
            }
        }

        if (run.Count == 0)
        {
            run.UnionWith(Areas);
        }

        return new BenchOptions
        {
            Run = run,
            Smoke = smoke,
            Large = large,
            KeepFiles = keep,
            Output = output,
            GcDumpFolder = gcdump,
            Circuits = circuits,
            CommandLine = "dotnet run -c Release --project BrpBlazor.Benchmarks -- " + string.Join(' ', args.Length == 0 ? ["all"] : args),
        };
    }
}
