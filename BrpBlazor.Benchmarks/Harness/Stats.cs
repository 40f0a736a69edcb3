using System.Diagnostics;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>Timings in milliseconds and their percentiles (nearest rank: p99 of 10 000 samples is the 9 900th).</summary>
public sealed class Stats
{
    private readonly double[] sorted;

    public Stats(IEnumerable<double> samples)
    {
        sorted = [.. samples.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
    }

    public int Count => sorted.Length;

    public double Min => sorted[0];

    public double Max => sorted[^1];

    public double Median => Percentile(50);

    public double Mean => sorted.Average();

    public double Percentile(double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Milliseconds since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double MillisecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
