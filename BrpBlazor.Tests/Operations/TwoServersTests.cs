using System.Diagnostics;
using System.Net;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>
/// The chain's set-up for real: two app processes started together on one empty PostgreSQL database, behind Debian's
/// nginx with the configuration in deploy/nginx (session affinity, WebSockets). Tablet A is on one server, tablet B
/// on the other; a change saved through A reaches B's open dialog, and nothing is stored twice.
/// </summary>
public sealed class TwoServersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"brp-two-{Guid.NewGuid():N}");
    private readonly List<AppProcess> servers = [];
    private TestPostgres.Database database = default!;
    private Process? nginx;
    private IPlaywright? playwright;
    private IBrowser browser = default!;
    private string proxy = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        database = await TestPostgres.CreateEmptyDatabaseAsync();

        // Both start at once on the empty database: one applies the migrations, the other waits and finds them done.
        for (var i = 0; i < 2; i++)
        {
            servers.Add(AppProcess.Start(new Dictionary<string, string>
            {
                ["Brp:Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Brp"] = database.ConnectionString,
                ["Brp:RequireHttps"] = "false",
                ["Brp:TempFolder"] = Path.Combine(folder, $"tmp{i}"),
                ["Brp:SignInAttemptsPerMinute"] = "1000",
            }, environment: "Development")); // a build's static files are served in Development (the publish smoke test covers Production)
        }

        await Task.WhenAll(servers.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        proxy = StartNginx();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
    }

    public async Task DisposeAsync()
    {
        await browser.CloseAsync();
        playwright?.Dispose();
        if (nginx is { HasExited: false })
        {
            nginx.Kill();
            await nginx.WaitForExitAsync();
        }

        // What nginx saw and the servers said, for whoever reads the artifacts after a run.
        foreach (var log in new[] { "access.log", "error.log" }.Select(l => Path.Combine(folder, "nginx", l)).Where(File.Exists))
        {
            File.Copy(log, Path.Combine(BrowserFixture.ArtifactsFolder, "two-servers-nginx-" + Path.GetFileName(log)), overwrite: true);
        }

        for (var i = 0; i < servers.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsFolder, $"two-servers-app-{i}.log"), servers[i].Output);
            await servers[i].DisposeAsync();
        }

        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task FreezeOnServerA_WhileServerBHasTheFrysDialogOpen_BShowsTheChangeAndStoresNothingTwice()
    {
        var personId = await ArrangeAsync();
        var a = await TabletOnAsync(servers[0], "anna", AppRoutesPerson(personId));
        var b = await TabletOnAsync(servers[1], "bo", AppRoutesPerson(personId));

        // Bo (server B) opens Frys and leaves it open with its suggested dates.
        await b.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await b.GetByTestId("subscription-action-freeze").ClickAsync();
        await Assertions.Expect(b.GetByTestId("dialog-confirm")).ToBeEnabledAsync();

        // Anna (server A) freezes the same subscription for the same dates.
        await a.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await a.GetByTestId("subscription-action-freeze").ClickAsync();
        await a.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(a.GetByTestId("freeze-row")).ToHaveCountAsync(1);
        var saved = Stopwatch.StartNew();

        // B heard it through PostgreSQL: its dialog says who changed what, and the overlapping freeze cannot be saved.
        await Assertions.Expect(b.GetByTestId("dialog-change-notice")).ToContainTextAsync("Anna Reception ändrade just abonnemanget", new() { Timeout = 5000 });
        output.WriteLine($"Server B's dialog showed the change {saved.ElapsedMilliseconds} ms after server A's page showed the save");
        await Assertions.Expect(b.GetByTestId("dialog-confirm")).ToBeDisabledAsync();
        await b.ScreenshotAsync("two-servers-b-dialog-after-a-froze");
        await Assertions.Expect(b.GetByTestId("freeze-row")).ToHaveCountAsync(1);

        await using var db = NewContext();
        Assert.Equal(1, await db.Freezes.CountAsync());

        // Each tablet stayed on its own server, over a WebSocket, through nginx (logged when the tablet goes).
        await a.Context.CloseAsync();
        await b.Context.CloseAsync();
        var expected = servers.Select(s => $"\"GET /_blazor?id=").Zip(servers, (request, s) => $" 101 upstream=127.0.0.1:{s.Port}").ToList();
        var log = string.Empty;
        for (var attempt = 0; attempt < 50 && !expected.All(log.Contains); attempt++)
        {
            await Task.Delay(100);
            log = await File.ReadAllTextAsync(Path.Combine(folder, "nginx", "access.log"));
        }

        Assert.All(expected, e => Assert.Contains(e, log, StringComparison.Ordinal));
        Assert.Contains("\"GET /_blazor?id=", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstRequestWithoutCookie_IsPlacedOnAServer_AndAForgedCookieCannotSendItElsewhere()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var first = await http.GetAsync($"{proxy}/healthz/live");
        var placed = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("brp_node=", StringComparison.Ordinal));
        Assert.Contains(servers.Select(s => $"brp_node=127.0.0.1:{s.Port};"), expected => placed.StartsWith(expected, StringComparison.Ordinal));

        // A cookie naming another address is not followed: nginx places the tablet on one of its own servers.
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"{proxy}/healthz/live");
        forged.Headers.Add("Cookie", $"brp_node=127.0.0.1:{AppProcess.FreePort()}");
        using var answer = await http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(servers.Select(s => $"brp_node=127.0.0.1:{s.Port};"), expected => answer.Headers.GetValues("Set-Cookie").Single().StartsWith(expected, StringComparison.Ordinal));
    }

    private static string AppRoutesPerson(int personId) => BrpBlazor.App.AppRoutes.Person(personId);

    private BrpDbContext NewContext() => new(BrpDatabase.For(DatabaseProvider.PostgreSql, "check", database.ConnectionString).Options);

    /// <summary>Two receptionists and a member with a running subscription, written straight into the shared database.</summary>
    private async Task<int> ArrangeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => NewContext());
        services.AddIdentityCore<StaffUser>(o =>
            {
                // The app's own rule is length (12); the test password has no digit or capital.
                o.Password.RequireDigit = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>().AddEntityFrameworkStores<BrpDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            foreach (var (userName, displayName) in new[] { ("anna", "Anna Reception"), ("bo", "Bo Reception") })
            {
                var user = new StaffUser { UserName = userName, DisplayName = displayName, LockoutEnabled = true };
                Assert.True((await users.CreateAsync(user, AppFactory.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, nameof(Right.Reception))).Succeeded);
            }
        }

        // The servers' business date is today in Stockholm.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
        var now = DateTime.SpecifyKind(today.ToDateTime(new TimeOnly(8, 0)), DateTimeKind.Utc);
        await using var db = NewContext();
        var product = await TestData.AddProductAsync(db, "Gym Två Servrar", price: 300);
        var person = await TestData.AddPersonAsync(db, "Tvåa", "Serversson", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, today.AddMonths(-2), null, null, "seed", now));
        subscription.Bill(today, new OperationContext(today, product), "seed", now);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return person.Id;
    }

    /// <summary>A tablet pinned to <paramref name="server"/> through nginx's affinity cookie, signed in at <paramref name="path"/>.</summary>
    private async Task<IPage> TabletOnAsync(AppProcess server, string userName, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 768, Height = 1024 }, HasTouch = true, Locale = "sv-SE", TimezoneId = "Europe/Stockholm",
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "brp_node", Value = $"127.0.0.1:{server.Port}", Url = proxy }]);
        var page = await context.NewPageAsync();
        await page.SignInAsync(proxy, userName, path);
        return page;
    }

    /// <summary>nginx with deploy/nginx's upstream and proxy files, the example addresses replaced by the two servers'.</summary>
    private string StartNginx()
    {
        var root = Path.Combine(folder, "nginx");
        Directory.CreateDirectory(root);
        var deploy = Path.Combine(AppProcess.RepositoryRoot, "deploy", "nginx");
        var upstream = File.ReadAllText(Path.Combine(deploy, "brpblazor-upstream.conf"))
            .Replace("10.0.0.11:5000", $"127.0.0.1:{servers[0].Port}", StringComparison.Ordinal)
            .Replace("10.0.0.12:5000", $"127.0.0.1:{servers[1].Port}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, "brpblazor-upstream.conf"), upstream);
        File.Copy(Path.Combine(deploy, "brpblazor-proxy.conf"), Path.Combine(root, "brpblazor-proxy.conf"));
        var port = AppProcess.FreePort();
        File.WriteAllText(Path.Combine(root, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 512; }
            http {
                log_format brp '$remote_addr "$request" $status upstream=$upstream_addr';
                access_log {{root}}/access.log brp;
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{root}}/brpblazor-upstream.conf;
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 12m;
                    include {{root}}/brpblazor-proxy.conf;
                }
            }
            """);
        var binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        nginx = Process.Start(new ProcessStartInfo(binary, ["-p", root, "-c", Path.Combine(root, "nginx.conf"), "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");
        var address = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if (probe.GetAsync($"{address}/healthz/live").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"nginx did not answer: {nginx.StandardError.ReadToEnd()}");
    }
}
