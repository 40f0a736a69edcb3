using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BrpBlazor.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// The app as an installation runs it: its own process (<c>dotnet BrpBlazor.App.dll</c>), real signals, its own
/// SQLite file and settings from environment variables. Used by the operations tests.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = $"http://127.0.0.1:{port}";
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public static string AppFolder => Path.Combine(RepositoryRoot, "BrpBlazor.App");

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BrpBlazor.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("BrpBlazor.sln not found above the test folder.");
        }
    }

    /// <summary>A TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the app (or one of its commands) with these settings, as environment variables.</summary>
    public static AppProcess Start(IDictionary<string, string> settings, int? port = null, string environment = "Production", params string[] arguments)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppFolder,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BrpBlazor.App.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";
        info.Environment["ASPNETCORE_CONTENTROOT"] = AppFolder;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Brp__SeedDevelopmentData"] = "false";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new AppProcess(Process.Start(info)!, chosen);
    }

    /// <summary>Runs a command of the app (backup, restore) to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> settings, params string[] arguments)
    {
        await using var command = Start(settings, environment: "Production", arguments: arguments);
        await command.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (command.ExitCode, command.Output);
    }

    /// <summary>Waits until <c>/healthz/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped (exit code {process.ExitCode}):{Environment.NewLine}{Output}");
            }

            try
            {
                var response = await client.GetAsync($"{BaseAddress}/healthz/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app was not ready in time:{Environment.NewLine}{Output}");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);

        // The output readers finish after the process.
        process.WaitForExit();
    }

    /// <summary>SIGTERM: what systemd sends on stop.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGKILL: a power cut, as far as the process can tell.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>A short-lived context on a database file of a process (WAL: readers and writers side by side).</summary>
    public static BrpDbContext OpenDatabase(string path) =>
        new(new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite($"Data Source={path};Pooling=False").Options);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }
}
