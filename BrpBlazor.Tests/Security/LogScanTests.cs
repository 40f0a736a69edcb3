using System.Text.RegularExpressions;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Security;

/// <summary>Personnummer never reach the logs: not in messages, exceptions or logged URLs.</summary>
public sealed class LogScanTests : IAsyncLifetime
{
    private readonly AppFactory app = new(settings: new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Debug",
    });
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public void Scanner_FindsANumberInALine_SoTheScanCanFail()
    {
        var pnr = TestData.NextPersonnummer();
        var hits = PersonnummerScanner.Find(
            ["GET /personer?q=" + pnr.TenDigits[..6] + "-" + pnr.TenDigits[6..], "masked " + pnr.Masked, "12 digits " + pnr.Value, "nothing here 123456"],
            TestClock.DefaultToday);

        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public async Task SignInSearchesAndChanges_AtDebug_LeaveNoPersonnummerInTheLogs()
    {
        await app.CreateStaffAsync("logga", "Logga Loggsson", Right.Reception, Right.Admin, Right.Supervisor, Right.Organisation);
        var pnr = TestData.NextPersonnummer(new DateOnly(1984, 5, 17));
        var unknown = TestData.NextPersonnummer(new DateOnly(1990, 7, 7));
        await using (var db = app.NewContext())
        {
            await TestData.AddPersonAsync(db, "Märta", "Nyström", pnr);
        }

        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 768, Height = 1024 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseAddress, "logga");

        foreach (var query in new[] { $"{pnr.TenDigits[..6]}-{pnr.TenDigits[6..]}", pnr.Value, unknown.Formatted, "Nyström" })
        {
            await page.GetByTestId("person-search-input").FillAsync(query);
            var before = page.Url;
            await page.GetByTestId("person-search-button").ClickAsync();

            // Search navigates inside the page (the query lives in the URL): wait for the new URL, not for a load.
            await Assertions.Expect(page).Not.ToHaveURLAsync(before);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/personer\?"));

            await Assertions.Expect(page.GetByTestId("person-hit").Or(page.GetByTestId("no-hits")).First).ToBeVisibleAsync();
        }

        // A reload and a shared link go through the server (and its request log) with the search in the URL.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.GotoAsync($"{app.BaseAddress}/personer?q={pnr.TenDigits}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("person-hit").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-personnummer")).ToContainTextAsync(pnr.Formatted);

        // A change: a new staff member through the admin page.
        await page.GotoAsync($"{app.BaseAddress}/personal");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("new-staff").ClickAsync();
        await page.GetByTestId("staff-name").FillAsync("Nils Nyman");
        await page.GetByTestId("staff-username").FillAsync("nils");
        await page.GetByTestId("staff-password").FillAsync(AppFactory.Password);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Reception – personer" }).CheckAsync();
        await page.GetByTestId("staff-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("staff-table")).ToContainTextAsync("Nils Nyman");
        await context.CloseAsync();

        var leaks = PersonnummerScanner.Find(app.Logs.Lines, app.Clock.Today);

        Assert.NotEmpty(app.Logs.Lines);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }
}

public class RedactionTests
{
    [Theory]
    [InlineData("GET /personer?q=840517-1029 HTTP/1.1", "GET /personer?q=[personnummer] HTTP/1.1")]
    [InlineData("fieldValue\":\"198405171029\"", "fieldValue\":\"[personnummer]\"")]
    [InlineData("19840517+1029 och 8405171029", "[personnummer] och [personnummer]")]
    [InlineData("Kundnr 100042, 3 st, 2026-03-16", "Kundnr 100042, 3 st, 2026-03-16")]
    public void Redact_MasksPersonnummerShapes_KeepsOtherNumbers(string text, string expected) =>
        Assert.Equal(expected, BrpBlazor.App.Infrastructure.RedactingLoggerFactory.Redact(text));
}
