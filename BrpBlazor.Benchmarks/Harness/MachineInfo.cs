using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>Where the figures came from. The machine is shared, so the load average is part of the result.</summary>
public sealed class MachineInfo
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private MachineInfo(DateTimeOffset started, string loadAtStart)
    {
        Started = started;
        LoadAtStart = loadAtStart;
    }

    public DateTimeOffset Started { get; }

    public string LoadAtStart { get; }

    public string? LoadAtEnd { get; private set; }

    public string? Duration { get; private set; }

    public static MachineInfo Capture(TimeProvider time) => new(time.GetUtcNow(), LoadAverage());

    public void Finish(TimeProvider time)
    {
        LoadAtEnd = LoadAverage();
        Duration = $"{(time.GetUtcNow() - Started).TotalMinutes.ToString("0.0", Invariant)} min";
    }

    public IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("Date", Started.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant));
        yield return ("CPU", $"{CpuModel()}, {Environment.ProcessorCount} logical cores");
        yield return ("Memory", $"{TotalMemoryGb().ToString("0.0", Invariant)} GB");
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return (".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}), {(GCSettings.IsServerGC ? "server" : "workstation")} GC in the benchmark process");
        yield return ("SQLite", SqliteVersions());
        yield return ("Load average (1/5/15 min)", $"{LoadAtStart} at the start, {LoadAtEnd ?? "?"} at the end — the machine is shared with other work");
        if (Duration is not null)
        {
            yield return ("Run time", Duration);
        }
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double TotalMemoryGb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant);
            return kb / 1024.0 / 1024.0;
        }
        catch (IOException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
        }
    }

    private static string SqliteVersions()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        var app = connection.ServerVersion;
        var cli = SqliteCli.Version() ?? "not installed";
        return $"{app} in the app (Microsoft.Data.Sqlite), sqlite3 command-line tool {cli}";
    }
}
