using System.Diagnostics;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>The sqlite3 command-line tool, when it is installed: the floor for bulk loading a table.</summary>
public static class SqliteCli
{
    public static string? Path { get; } = Find();

    public static string? Version()
    {
        if (Path is null)
        {
            return null;
        }

        var (output, _) = Run(null, "-version", string.Empty);
        return output.Split(' ')[0].Trim();
    }

    /// <summary>Runs <paramref name="script"/> (dot-commands and SQL) against <paramref name="database"/>; fails on any error.</summary>
    public static (string Output, double Milliseconds) Run(string? database, string arguments, string script)
    {
        var info = new ProcessStartInfo(Path ?? throw new InvalidOperationException("sqlite3 is not installed."))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            info.ArgumentList.Add(a);
        }

        if (database is not null)
        {
            info.ArgumentList.Add(database);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = Stats.MillisecondsSince(started);
        if (process.ExitCode != 0 || error.Result.Length > 0)
        {
            throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {error.Result}");
        }

        return (output.Result, elapsed);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "sqlite3"))
            .FirstOrDefault(File.Exists);
}
