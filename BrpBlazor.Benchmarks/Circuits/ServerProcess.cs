using System.Diagnostics;
using System.Globalization;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>The parent's handle on <see cref="CircuitServer"/>: starts this program again with the server command.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly SemaphoreSlim replies = new(0);
    private readonly Queue<string> received = new();
    private readonly List<string> errors = [];

    private ServerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(CircuitServer.Prefix, StringComparison.Ordinal))
            {
                lock (received)
                {
                    received.Enqueue(line[CircuitServer.Prefix.Length..]);
                }

                replies.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Address { get; private set; } = string.Empty;

    public int ProcessId => process.Id;

    public IReadOnlyList<int> PersonIds { get; private set; } = [];

    /// <summary>Starts the server with <paramref name="people"/> receptionists and members, and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(int people, string databasePath, params string[] options)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        info.ArgumentList.Add(CircuitServer.Command);
        info.ArgumentList.Add(people.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(databasePath);
        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }

        // The app is an ASP.NET Core app: it runs with server GC, as BrpBlazor.App does.
        info.Environment["DOTNET_gcServer"] = "1";
        var server = new ServerProcess(Process.Start(info)!);
        var ready = (await server.ReceiveAsync(TimeSpan.FromMinutes(5))).Split(' ');
        if (ready[0] != "ready")
        {
            throw new InvalidOperationException($"The app server said '{string.Join(' ', ready)}'.");
        }

        server.Address = ready[1];
        server.PersonIds = ready[3] == "-" ? [] : ready[3].Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
        return server;
    }

    /// <summary>Forces a full, compacting collection in the server: its managed heap, open circuits and working set.</summary>
    public async Task<(long HeapBytes, int Circuits, long WorkingSet)> CollectAsync()
    {
        await process.StandardInput.WriteLineAsync("gc");
        await process.StandardInput.FlushAsync();
        var reply = (await ReceiveAsync(TimeSpan.FromMinutes(2))).Split(' ');
        return (long.Parse(reply[1], CultureInfo.InvariantCulture), int.Parse(reply[2], CultureInfo.InvariantCulture), long.Parse(reply[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until <paramref name="expectedCircuits"/> circuits are open, then collects once more and returns that.</summary>
    public async Task<(long HeapBytes, int Circuits, long WorkingSet)> SettledAsync(int expectedCircuits, int waitSeconds = 10)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        var last = await CollectAsync();
        for (var i = 0; i < waitSeconds && last.Circuits != expectedCircuits; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            last = await CollectAsync();
        }

        if (last.Circuits != expectedCircuits)
        {
            throw new InvalidOperationException($"{last.Circuits} circuits open, expected {expectedCircuits}.");
        }

        return await CollectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync("quit");
                await process.StandardInput.FlushAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        replies.Dispose();
    }

    private async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await replies.WaitAsync(TimeSpan.FromSeconds(1)))
        {
            if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                string log;
                lock (errors)
                {
                    log = string.Join(Environment.NewLine, errors.TakeLast(30));
                }

                throw new InvalidOperationException($"The app server {(process.HasExited ? $"stopped ({process.ExitCode})" : "did not answer")}.{Environment.NewLine}{log}");
            }
        }

        lock (received)
        {
            return received.Dequeue();
        }
    }
}
