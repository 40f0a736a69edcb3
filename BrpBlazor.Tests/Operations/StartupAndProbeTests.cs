using System.Net;
using BrpBlazor.Tests.TestSupport;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>The app as its own process: a bad setting stops it with one line; health and metrics answer as a load balancer and Prometheus need.</summary>
public sealed class StartupAndProbeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new("ops");

    private string Folder => temp.Path;

    public void Dispose() => temp.Dispose();

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "no connection string", string.Empty, "BrpBlazor cannot start: ConnectionStrings:Brp is not set" },
        { "unwritable folder", "Data Source=/proc/brp-kan-inte-skriva/brp.db", "BrpBlazor cannot start: ConnectionStrings:Brp: the folder /proc/brp-kan-inte-skriva cannot be written" },
        { "file too large setting", "Brp:MaxImportFileMegabytes=0", "BrpBlazor cannot start: Brp:MaxImportFileMegabytes is 0; it must be between 1 and 1024" },
        { "idle minutes below zero", "Brp:IdleCircuitMinutes=-1", "BrpBlazor cannot start: Brp:IdleCircuitMinutes is -1; it must be between 0 (never pause) and 1440" },
        { "proxy not an address", "Brp:KnownProxies:0=proxy.example", "BrpBlazor cannot start: Brp:KnownProxies: 'proxy.example' is not an IP address" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadSetting_StopsTheStart_WithOneClearLine(string what, string setting, string expected)
    {
        Directory.CreateDirectory(Folder);
        var settings = new Dictionary<string, string> { ["Brp:TempFolder"] = Path.Combine(Folder, "tmp") };
        if (setting.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            settings["ConnectionStrings:Brp"] = setting;
        }
        else if (setting.Length > 0)
        {
            settings["ConnectionStrings:Brp"] = $"Data Source={Path.Combine(Folder, "brp.db")}";
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[key] = value;
        }

        await using var app = AppProcess.Start(settings);
        await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        output.WriteLine($"{what}: exit {app.ExitCode}: {string.Join(" | ", lines)}");
        Assert.Equal(2, app.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Folder, "brp.db")));
    }

    [Fact]
    public async Task HealthAndMetrics_AnswerAnonymously_WithoutPersonalData_AndMetricsOnlyForTheScraper()
    {
        var database = Path.Combine(Folder, "brp.db");
        Directory.CreateDirectory(Folder);
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Brp"] = $"Data Source={database}",
            ["Brp:TempFolder"] = Path.Combine(Folder, "tmp"),
            ["Brp:MetricsToken"] = "skrapnyckel-for-prometheus",
        });
        await app.WaitUntilReadyAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseAddress) };

        // Production requires HTTPS, but a load balancer probes plain HTTP on the app's port.
        foreach (var path in new[] { "/healthz/live", "/healthz/ready" })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"GET {path} → {(int)response.StatusCode} {body}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", body);
        }

        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await client.GetAsync("/logga-in")).StatusCode);

        var local = await client.GetAsync("/metrics");
        var metrics = await local.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("brp_circuits_open", metrics, StringComparison.CurrentCulture);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.CurrentCulture);
        Assert.Contains("microsoft_entityframeworkcore", metrics, StringComparison.CurrentCulture);

        // Through a proxy (someone else), only with the token.
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(proxied)).StatusCode);
        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrongToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        wrongToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "gissad");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(wrongToken)).StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        withToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "skrapnyckel-for-prometheus");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withToken)).StatusCode);
        output.WriteLine("/metrics: loopback 200, forwarded without token 404, wrong token 404, right token 200");
    }

    [Fact]
    public async Task SecondProcess_OnTheSameDatabase_IsToldItIsInUse()
    {
        var database = Path.Combine(Folder, "brp.db");
        Directory.CreateDirectory(Folder);
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Brp"] = $"Data Source={database}", ["Brp:TempFolder"] = Path.Combine(Folder, "tmp") };
        await using var first = AppProcess.Start(settings);
        await first.WaitUntilReadyAsync();

        await using var second = AppProcess.Start(settings);
        await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"BrpBlazor cannot start: the database {database} is in use by another BrpBlazor process", second.Output, StringComparison.CurrentCulture);
    }
}
