using System.Net;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>Demo mode attacked by a script without cookies, and its first-visit redirect used as an open redirect.</summary>
public sealed class DemoFloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"brp-demo-flood-{Guid.NewGuid():N}");
    private AppFactory demo = default!;

    public Task InitializeAsync()
    {
        demo = new AppFactory(
            settings: new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "true",
                ["Demo:Folder"] = folder,
                ["Demo:NewSandboxesPerHour"] = "5",
                ["Demo:MaxSandboxes"] = "3",
            },
            useTestClock: false);
        demo.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await demo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CookielessFlood_GetsAFewSandboxesThenAPoliteRefusal_AndTheDiskStaysCapped()
    {
        var statuses = new List<HttpStatusCode>();
        for (var visit = 0; visit < 12; visit++)
        {
            using var session = new HttpSession(demo.BaseAddress);
            var first = await session.Client.GetAsync("/personer");
            statuses.Add(first.StatusCode);
            if (first.StatusCode == HttpStatusCode.Redirect)
            {
                // Following the redirect is what makes a sandbox file.
                var page = await session.Client.GetAsync(first.Headers.Location);
                output.WriteLine($"visit {visit + 1}: 302 then {(int)page.StatusCode}");
            }
            else
            {
                var text = await first.Content.ReadAsStringAsync();
                output.WriteLine($"visit {visit + 1}: {(int)first.StatusCode} {text}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
                Assert.Contains("Demon har för många besökare just nu", text, StringComparison.CurrentCulture);
                Assert.NotNull(first.Headers.RetryAfter);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.InRange(Directory.GetFiles(folder, "sandbox-*.db").Length, 1, 3);
    }

    [Theory]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example/x", "/")]
    [InlineData("/%2F%2Fevil.example", null)]
    [InlineData("/personer?q=per", "/personer?q=per")]
    public async Task FirstVisitRedirect_StaysOnThisSite(string path, string? expected)
    {
        using var session = new HttpSession(demo.BaseAddress);

        var response = await session.Client.GetAsync(new Uri(demo.BaseAddress + path));

        var location = response.Headers.Location!.OriginalString;
        output.WriteLine($"GET {path} → {(int)response.StatusCode} Location: {location}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (location.StartsWith(demo.BaseAddress + "/", StringComparison.Ordinal))
        {
            // Not a page (it has an "extension"): the sign-in redirect, on this host.
            location = location[demo.BaseAddress.Length..];
        }

        Assert.StartsWith("/", location, StringComparison.Ordinal);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.DoesNotContain('\\', location);
        if (expected is not null)
        {
            Assert.Equal(expected, location);
        }
    }

    [Fact]
    public async Task SandboxCap_TheLongestIdleGivesWay_OnlyOnceIdleLongEnough_AndSurvivesARestart()
    {
        // Starts at the real now: sandboxes found on disk after the restart are dated by their files.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var limits = new DemoLimits { MaxSandboxes = 2, MinimumIdleBeforeEviction = TimeSpan.FromMinutes(30) };
        var capped = Path.Combine(folder, "capped");
        string a = DemoSandboxId.New(), b = DemoSandboxId.New(), c = DemoSandboxId.New();
        using (var sandboxes = new DemoSandboxes(capped, time, NullLogger<DemoSandboxes>.Instance, limits))
        {
            await sandboxes.EnsureTemplateAsync();
            sandboxes.Get(a);
            time.Advance(TimeSpan.FromMinutes(5));
            sandboxes.Get(b);

            Assert.Throws<DemoFullException>(() => sandboxes.Get(c));

            time.Advance(TimeSpan.FromMinutes(31));
            sandboxes.Get(b);
            sandboxes.Get(c);
            Assert.Equal(2, sandboxes.Count);
            Assert.False(sandboxes.Exists(a));
            Assert.True(sandboxes.Exists(b) && sandboxes.Exists(c));
        }

        // After a restart the files on disk are counted again (and so cleaned up when idle).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var restarted = new DemoSandboxes(capped, time, NullLogger<DemoSandboxes>.Instance, limits);
        await restarted.EnsureTemplateAsync();
        Assert.Equal(2, restarted.Count);
        time.Advance(TimeSpan.FromHours(4));
        Assert.Equal(2, restarted.DeleteIdle(TimeSpan.FromHours(3)));
        Assert.Empty(Directory.GetFiles(capped, "sandbox-*.db"));
    }
}
