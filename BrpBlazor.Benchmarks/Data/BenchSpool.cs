using BrpBlazor.Core.Application.Common;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>The benchmark's private spool folder for uploads (like the app's App_Data/tmp).</summary>
public static class BenchSpool
{
    public static PrivateTempFolder Folder { get; } = new(Path.Combine(Path.GetTempPath(), $"brp-bench-spool-{Environment.ProcessId}"));
}
