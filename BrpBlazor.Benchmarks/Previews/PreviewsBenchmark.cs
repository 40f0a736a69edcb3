using BrpBlazor.Benchmarks.Harness;

namespace BrpBlazor.Benchmarks.Previews;

public sealed class PreviewsBenchmark(BenchOptions options, Report report, string folder)
{
    public Task RunAsync() { _ = (options, report, folder); return Task.CompletedTask; }
}
