using System.Globalization;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>How figures are written in the table.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Seconds(double ms) => ms >= 1000 ? $"{(ms / 1000).ToString("0.00", Invariant)} s" : $"{ms.ToString("0", Invariant)} ms";

    public static string Ms(double ms) => $"{ms.ToString(ms < 10 ? "0.000" : "0.0", Invariant)} ms";

    public static string Megabytes(long bytes) => $"{(bytes / 1024.0 / 1024.0).ToString("0", Invariant)} MB";

    public static string Kilobytes(double bytes) => $"{(bytes / 1024.0).ToString("0", Invariant)} KB";

    public static string Ratio(double ratio) => $"{ratio.ToString(ratio >= 10 ? "0" : "0.00", Invariant)} ×";

    /// <summary>Lines a second, for an import of <paramref name="lines"/> lines in <paramref name="ms"/> milliseconds.</summary>
    public static string PerSecond(int lines, double ms) => Number(lines / (ms / 1000));

    public static string Number(double value) => value.ToString("N0", Invariant);
}
