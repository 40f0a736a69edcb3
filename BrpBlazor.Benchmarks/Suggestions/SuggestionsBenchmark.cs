using BrpBlazor.Benchmarks.Harness;

namespace BrpBlazor.Benchmarks.Suggestions;

public sealed class SuggestionsBenchmark(BenchOptions options, Report report, string folder)
{
    public Task RunAsync() { _ = (options, report, folder); return Task.CompletedTask; }
}
