using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Data;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// A demo tablet's circuit paused for being idle (decision 135) resumes in its own sandbox: the resumed circuit
/// chooses its database from the demo sign-in again, as a new circuit does, never another trainee's nor a real one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoResumeTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"brp-demo-resume-{Guid.NewGuid():N}");
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(
            settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Folder"] = folder, ["Brp:IdleCircuitMinutes"] = "0.05" },
            useTestClock: false);
        app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task APausedDemoTablet_ResumesInItsOwnSandbox()
    {
        var mine = await browser.NewTabletPageAsync();
        var other = await browser.NewTabletPageAsync();
        await mine.GotoAsync($"{app.BaseAddress}/personer?q=per%20berg");
        await other.GotoAsync($"{app.BaseAddress}/personer?q=per%20berg");
        await mine.WaitForInteractiveAsync();
        await other.WaitForInteractiveAsync();
        await mine.GetByTestId("person-hit").First.ClickAsync();
        await Expect(mine.GetByTestId("person-name")).ToHaveTextAsync("Per Berg");
        var sandbox = (await mine.Context.CookiesAsync()).Single(c => c.Name == DemoMode.SandboxCookie).Value;
        var otherSandbox = (await other.Context.CookiesAsync()).Single(c => c.Name == DemoMode.SandboxCookie).Value;
        Assert.NotEqual(sandbox, otherSandbox);

        var modal = mine.Locator("#components-reconnect-modal.components-reconnect-paused");
        await Expect(modal).ToBeVisibleAsync();

        // While it is paused, the trainee's own sandbox changes; the other trainee's does not.
        var sandboxes = app.Services.GetRequiredService<DemoSandboxes>();
        await using (var db = new BrpDbContext(sandboxes.Get(sandbox).Options))
        {
            var per = await db.People.SingleAsync(p => p.FirstName == "Per" && p.LastName == "Berg");
            per.Update(per.ToDetails() with { FirstName = "Pausade" });
            await db.SaveChangesAsync();
        }

        await mine.Touchscreen.TapAsync(380, 900);
        await Expect(modal).ToBeHiddenAsync();
        await Expect(mine.GetByTestId("person-name")).ToHaveTextAsync("Pausade Berg");
        await Expect(mine.GetByTestId("demo-banner")).ToBeVisibleAsync();
        await using (var db = new BrpDbContext(sandboxes.Get(otherSandbox).Options))
        {
            Assert.True(await db.People.AnyAsync(p => p.FirstName == "Per" && p.LastName == "Berg"));
        }

        await mine.Context.CloseAsync();
        await other.Context.CloseAsync();
    }
}
