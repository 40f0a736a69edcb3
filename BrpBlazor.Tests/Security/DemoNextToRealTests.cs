using System.Net;
using System.Security.Cryptography;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// A demo instance next to a real one, started from the same folder as an installation would be (the real database
/// in App_Data/brp.db, the demo sandboxes in App_Data/demo), attacked with crafted and replayed cookies over HTTP.
/// </summary>
public sealed class DemoNextToRealTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"brp-install-{Guid.NewGuid():N}");
    private AppFactory real = default!;
    private AppFactory demo = default!;

    private string RealDatabase => Path.Combine(root, "App_Data", "brp.db");

    private string DemoFolder => Path.Combine(root, "App_Data", "demo");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "App_Data"));
        real = new AppFactory(databasePath: RealDatabase);
        real.Start();
        await using (var db = real.NewContext())
        {
            await TestData.AddPersonAsync(db, "Hemlig", "Riktigsson", TestData.NextPersonnummer());
        }

        await real.CreateStaffAsync("admin", "Ada Admin", Core.Domain.Staff.Right.Admin);
        demo = new AppFactory(
            settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Folder"] = DemoFolder },
            useTestClock: false);
        demo.Start();
    }

    public async Task DisposeAsync()
    {
        await demo.DisposeAsync();
        await real.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    public static TheoryData<string> CraftedSandboxIds() =>
    [
        "/./../../App_Data/brp/./././././",
        "/../brp.db/../../../../../../..",
        "..%2F..%2Fbrp%2F%2E%2E%2F%2E%2E%2F",
        "/././././././././././../../brp",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789abcdef\u00000123456789abcde",
        "0123456789abcdef0123456789abcde\n",
    ];

    [Theory]
    [MemberData(nameof(CraftedSandboxIds))]
    public async Task CraftedSandboxCookie_NeverOpensAnotherFile(string crafted)
    {
        var realBefore = await HashAsync(RealDatabase);
        var filesBefore = FilesOutsideTheDemoFolder();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(demo.BaseAddress) };

        var first = await SendWithCookieAsync(client, "/personer?q=Riktigsson", $"{DemoMode.SandboxCookie}={Uri.EscapeDataString(crafted)}");
        output.WriteLine($"brp.demo={Printable(crafted)} → {(int)first.StatusCode}");

        // The crafted id is not taken: the browser gets a new, valid sandbox id instead.
        var handedOut = first.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var sandbox = handedOut.Single(c => c.StartsWith(DemoMode.SandboxCookie + "=", StringComparison.Ordinal))[(DemoMode.SandboxCookie.Length + 1)..];
        Assert.True(DemoSandboxId.IsValid(sandbox));
        Assert.NotEqual(crafted, sandbox);

        // Following the redirect with what was handed out, plus the crafted cookie again, shows the demo data only.
        var page = await SendWithCookieAsync(client, first.Headers.Location!.ToString(), string.Join("; ", handedOut));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Hemlig", html, StringComparison.CurrentCulture);

        // Nothing outside the sandbox folder was opened, made or changed; the real database is byte for byte the same.
        Assert.Equal(realBefore, await HashAsync(RealDatabase));
        Assert.Equal(filesBefore, FilesOutsideTheDemoFolder());
        Assert.All(Directory.GetFiles(DemoFolder), f => Assert.Matches(@"^(sandbox-[0-9a-f]{32}\.db(-wal|-shm)?|template-.*\.db)$", Path.GetFileName(f)));
        Assert.Throws<ArgumentException>(() => demo.Services.GetRequiredService<DemoSandboxes>().Get(crafted));
        Assert.Throws<ArgumentException>(() => demo.Services.GetRequiredService<DemoSandboxes>().TodayOf(crafted));
        await Assert.ThrowsAsync<ArgumentException>(() => demo.Services.GetRequiredService<DemoSandboxes>().ResetAsync(crafted));
    }

    [Fact]
    public async Task DemoSignInCookie_IsRefusedByTheRealApp()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(demo.BaseAddress) };
        var signedIn = await client.GetAsync("/personer");
        var demoCookies = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var demoAuth = demoCookies.Single(c => c.StartsWith(WebSecurity.DemoAuthCookie + "=", StringComparison.Ordinal))[(WebSecurity.DemoAuthCookie.Length + 1)..];

        // The demo cookie works in demo mode, with every right: /personal opens.
        var inDemo = await SendWithCookieAsync(client, "/personal", string.Join("; ", demoCookies));
        Assert.Equal(HttpStatusCode.OK, inDemo.StatusCode);

        using var realHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var realClient = new HttpClient(realHandler) { BaseAddress = new Uri(real.BaseAddress) };
        foreach (var replay in new[] { $"{WebSecurity.AuthCookie}={demoAuth}", $"{WebSecurity.DemoAuthCookie}={demoAuth}", string.Join("; ", demoCookies) })
        {
            var response = await SendWithCookieAsync(realClient, "/personal", replay);
            output.WriteLine($"real /personal with {replay.Split('=')[0]}=<demo cookie> → {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/logga-in", response.Headers.Location!.ToString(), StringComparison.CurrentCulture);
        }
    }

    [Fact]
    public async Task RealSignInCookie_IsNotTakenByTheDemoApp_AndTheKeyRingsAreApart()
    {
        using var session = new HttpSession(real.BaseAddress);
        var signIn = await session.SignInAsync("admin");
        var realAuth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebSecurity.AuthCookie + "=", StringComparison.Ordinal)).Split(';')[0];

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(demo.BaseAddress) };
        var response = await SendWithCookieAsync(client, "/personal", realAuth.Replace(WebSecurity.AuthCookie, WebSecurity.DemoAuthCookie, StringComparison.Ordinal));

        // Not recognised: the demo app treats the browser as a first visit and makes a sandbox of its own.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DemoMode.SandboxCookie + "=", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(DemoFolder, "keys")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(DemoFolder, "keys"), "key-*.xml"));
        await using var db = real.NewContext();
        Assert.NotEmpty(db.DataProtectionKeys);
    }

    private static async Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<string> HashAsync(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Convert.ToHexString(await SHA256.HashDataAsync(file)) + File.GetLastWriteTimeUtc(path).Ticks;
    }

    private List<string> FilesOutsideTheDemoFolder() =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(DemoFolder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Printable(string value) =>
        new(value.Select(c => char.IsControl(c) ? '·' : c).ToArray());
}
