using BrpBlazor.Benchmarks.Harness;

namespace BrpBlazor.Benchmarks.Circuits;

public sealed class CircuitsBenchmark(BenchOptions options, Report report, string folder)
{
    public Task RunAsync() { _ = (options, report, folder); return Task.CompletedTask; }
}
