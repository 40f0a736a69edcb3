using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BrpBlazor.App.Components.Pages.Account;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>The app's edges over real HTTP: headers, forms without tokens, sign-in flooding, the key ring on restart.</summary>
public sealed partial class EdgeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders_WithAFreshNonceForTheImportMap()
    {
        await using var app = new AppFactory();
        app.Start();
        using var session = new HttpSession(app.BaseAddress);
        var nonces = new List<string>();
        foreach (var path in new[] { "/logga-in", "/logga-in", "/app.css", "/finns-inte", "/personer" })
        {
            var response = await session.Client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            output.WriteLine($"GET {path} → {(int)response.StatusCode}; CSP: {csp}");
            Assert.Contains("default-src 'self'", csp, StringComparison.CurrentCulture);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.CurrentCulture);
            Assert.Contains("object-src 'none'", csp, StringComparison.CurrentCulture);
            var scripts = Regex.Match(csp, "script-src ([^;]+)").Groups[1].Value;
            Assert.DoesNotContain("unsafe", scripts, StringComparison.CurrentCulture);
            Assert.Matches("^'self' 'nonce-[0-9a-f]{32}'$", scripts);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            if (path == "/logga-in")
            {
                var nonce = Regex.Match(scripts, "nonce-([^']+)").Groups[1].Value;
                nonces.Add(nonce);
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.CurrentCulture);
                Assert.DoesNotMatch("<script(?![^>]*\\b(src|nonce)=)[^>]*>", html);
            }
        }

        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Theory]
    [InlineData("/logga-in", "sign-in")]
    [InlineData("/forsta-start", "first-start")]
    public async Task StaticForm_PostedWithoutItsAntiforgeryToken_IsRefused(string path, string handler)
    {
        await using var app = new AppFactory();
        app.Start();
        using var session = new HttpSession(app.BaseAddress);

        var response = await session.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler,
            ["Model.UserName"] = "mallory",
            ["Model.Password"] = "ett-langt-losenord-for-test",
            ["Model.DisplayName"] = "Mallory",
            ["Model.ConfirmPassword"] = "ett-langt-losenord-for-test",
        }));

        output.WriteLine($"POST {path} without token → {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.NewContext();
        Assert.Empty(db.Users);
    }

    [Fact]
    public async Task SignOut_WithoutItsToken_IsRefused_AndWithIt_ClearsTheTabsStorage()
    {
        await using var app = new AppFactory();
        app.Start();
        await app.CreateStaffAsync("rita", "Rita", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync("rita");

        var forged = await session.Client.PostAsync("/logga-ut", new FormUrlEncodedContent([]));
        output.WriteLine($"POST /logga-ut without token → {(int)forged.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);

        // A token for the signed-in user (the sign-out form's own lives in the user menu, rendered when opened).
        var page = await session.Client.GetStringAsync("/logga-in");
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var signedOut = await session.Client.PostAsync("/logga-ut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("\"storage\"", signedOut.Headers.GetValues("Clear-Site-Data").Single());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/personer")).StatusCode);
    }

    [Fact]
    public async Task SignInFlood_FromOneAddress_IsThrottled_AndNeverTellsWhichNamesExist()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["Brp:SignInAttemptsPerMinute"] = "10" });
        app.Start();
        await app.CreateStaffAsync("lisa", "Lisa", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        var bodies = new List<string>();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 14; attempt++)
        {
            // Known and unknown names, as a script trying a staff list would.
            var name = attempt % 2 == 0 ? "lisa" : $"gissning{attempt}";
            var response = await session.SignInAsync(name, "fel-losenord-123");
            statuses.Add(response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"attempt {attempt + 1} as {name} → {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                bodies.Add(Regex.Match(body, "data-testid=\"sign-in-error\">([^<]*)<").Groups[1].Value);
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                Assert.Contains("För många inloggningsförsök", body, StringComparison.CurrentCulture);
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Wrong password, unknown name and locked account (lisa is locked after her fifth try) read the same.
        Assert.All(bodies, b => Assert.Equal(SignInPage.FailedMessage, b));
    }

    [Fact]
    public void SignInThrottle_Default_IsTenAMinute_InCodeAndInTheShippedSettings()
    {
        Assert.Equal(10, new BrpSettings().SignInAttemptsPerMinute);
        var shipped = ShippedSettings();
        Assert.Equal(10, shipped.GetProperty("Brp").GetProperty("SignInAttemptsPerMinute").GetInt32());
    }

    [Fact]
    public void ShippedSettings_SeedNoSampleData_OutsideDevelopment()
    {
        Assert.False(ShippedSettings().GetProperty("Brp").GetProperty("SeedDevelopmentData").GetBoolean());
        Assert.False(new BrpSettings().SeedDevelopmentData);
    }

    [Fact]
    public async Task Production_EmptyDatabase_GetsNoMadeUpPeople_EvenWhenSeedingIsSwitchedOn()
    {
        await using var app = new AppFactory(environment: "Production", settings: new Dictionary<string, string?> { ["Brp:SeedDevelopmentData"] = "true" });
        app.Start();

        await using var db = app.NewContext();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Contains(app.Logs.Lines, l => l.Contains("SeedDevelopmentData is ignored outside Development", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_PlainHttp_IsSentToHttps_AndBehindAProxy_GetsHstsAndSecureCookies()
    {
        await using var app = new AppFactory(environment: "Production");
        app.Start();
        await app.CreateStaffAsync("rita", "Rita", Right.Reception);

        using (var plain = new HttpSession(app.BaseAddress))
        {
            plain.Client.DefaultRequestHeaders.Host = "brp.example.se";
            var response = await plain.Client.GetAsync("/logga-in");
            output.WriteLine($"Production, plain http → {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
            Assert.Equal("https://brp.example.se/logga-in", response.Headers.Location!.ToString());
        }

        // A TLS-terminating proxy on this machine says the browser came over https. Its cookies are Secure, so this
        // client (plain http to the proxy's side) sends them by hand, as the proxy passes the browser's on.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var proxied = new HttpClient(handler) { BaseAddress = new Uri(app.BaseAddress) };
        proxied.DefaultRequestHeaders.Host = "brp.example.se";
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await proxied.GetAsync("/logga-in");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.StartsWith("max-age=31536000", form.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/logga-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Model.UserName"] = "rita",
                ["Model.Password"] = AppFactory.Password,
            }),
        };
        post.Headers.TryAddWithoutValidation("Cookie", antiforgery.Split(';')[0]);
        var signIn = await proxied.SendAsync(post);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebSecurity.AuthCookie + "=", StringComparison.Ordinal));
        output.WriteLine($"sign-in cookie behind proxy: {cookie[(cookie.IndexOf(';', StringComparison.Ordinal) + 1)..]}");
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeyRing_InTheDatabase_KeepsEveryoneSignedInAcrossARestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"brp-restart-{Guid.NewGuid():N}.db");
        try
        {
            string cookie;
            await using (var first = new AppFactory(databasePath: path))
            {
                first.Start();
                await first.CreateStaffAsync("rita", "Rita", Right.Reception);
                using var session = new HttpSession(first.BaseAddress);
                var signIn = await session.SignInAsync("rita");
                cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebSecurity.AuthCookie + "=", StringComparison.Ordinal)).Split(';')[0];
            }

            await using var second = new AppFactory(databasePath: path);
            second.Start();
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(second.BaseAddress) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/personer");
            request.Headers.TryAddWithoutValidation("Cookie", cookie);

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var db = second.NewContext();
            Assert.Single(db.DataProtectionKeys);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static JsonElement ShippedSettings()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.Clone();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
