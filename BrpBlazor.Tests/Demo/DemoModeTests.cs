using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Demo;

[Collection(DemoCollection.Name)]
public class DemoModeTests(DemoFixture demo)
{
    [Fact]
    public async Task TwoSandboxes_ChangeTheSamePersonIndependently_AndResetRestoresTheTemplate()
    {
        var a = NewSandboxId();
        var b = NewSandboxId();
        await RenamePerAsync(a, "Pelle");
        await RenamePerAsync(b, "Peter");

        Assert.Equal("Pelle", await PerFirstNameAsync(a));
        Assert.Equal("Peter", await PerFirstNameAsync(b));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await demo.Sandboxes.ResetAsync(a);
        watch.Stop();

        Assert.Equal("Per", await PerFirstNameAsync(a));
        Assert.Equal("Peter", await PerFirstNameAsync(b));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Reset took {watch.Elapsed}");
    }

    [Fact]
    public void DemoMode_NeverOpensTheRealDatabase()
    {
        Assert.False(File.Exists(demo.App.DatabasePath));
        Assert.Throws<InvalidOperationException>(() => demo.App.Services.GetRequiredService<BrpDatabase>());
    }

    [Fact]
    public async Task DemoDate_ChangesTodayForStatuses_InThatSandboxOnly()
    {
        var a = NewSandboxId();
        var b = NewSandboxId();
        Assert.Equal(SubscriptionStatus.Frozen, await PerStatusAsync(a));

        await demo.Sandboxes.SetTodayAsync(a, new DateOnly(2026, 7, 1));

        Assert.Equal(new DateOnly(2026, 7, 1), Clock(a).Today);
        Assert.Equal(DemoSeed.DemoToday, Clock(b).Today);
        Assert.Equal(SubscriptionStatus.Active, await PerStatusAsync(a));
        Assert.Equal(SubscriptionStatus.Frozen, await PerStatusAsync(b));
        await demo.Sandboxes.ResetAsync(a);
        Assert.Equal(DemoSeed.DemoToday, Clock(a).Today);
    }

    [Fact]
    public async Task Browser_SeesTheBanner_ChangesSomething_ResetsAndSeesItBack()
    {
        var context = await demo.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 768, Height = 1024 }, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.App.BaseAddress}/personer?q=per%20berg");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToContainTextAsync("DEMO — övningsdata, inget sparas i riktiga register");
        await Assertions.Expect(page.GetByTestId("who-am-i").Locator("button").First).ToContainTextAsync("Demo (utbildare)");
        await page.ScreenshotAsync("demo-1-banner");

        // Change something: Per Berg's phone number, through the person form.
        await page.GetByTestId("person-hit").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/personer/\d+$"));
        var personUrl = page.Url;
        await page.GotoAsync(personUrl + "/redigera");
        await page.WaitForInteractiveAsync();
        var phone = page.GetByLabel("Telefon");
        await phone.FillAsync("070-000 00 00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(personUrl, new PageAssertionsToHaveURLOptions { Timeout = 30000 });
        await Assertions.Expect(page.GetByTestId("person-details")).ToContainTextAsync("070-000 00 00");

        // Återställ demo: the change is gone.
        await page.GotoAsync($"{demo.App.BaseAddress}/demo");
        await page.WaitForInteractiveAsync();
        var reloaded = new TaskCompletionSource();
        page.Load += (_, _) => reloaded.TrySetResult();
        await page.GetByTestId("demo-reset").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, återställ" }).ClickAsync();
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("demo-today")).ToHaveTextAsync("2026-05-18");
        await page.GotoAsync(personUrl);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("person-details")).Not.ToContainTextAsync("070-000 00 00");
        await page.ScreenshotAsync("demo-2-after-reset");
        await context.CloseAsync();
    }

    private static string NewSandboxId() => Guid.NewGuid().ToString("N");

    private BrpDbContext Context(string sandboxId) => new(demo.Sandboxes.Get(sandboxId).Options);

    private DemoClock Clock(string sandboxId) => new(demo.Sandboxes.Get(sandboxId), demo.Sandboxes, TimeProvider.System);

    private async Task RenamePerAsync(string sandboxId, string firstName)
    {
        await using var db = Context(sandboxId);
        var per = await db.People.SingleAsync(p => p.FirstName == "Per" && p.LastName == "Berg");
        per.Update(per.ToDetails() with { FirstName = firstName });
        await db.SaveChangesAsync();
    }

    private async Task<string> PerFirstNameAsync(string sandboxId)
    {
        await using var db = Context(sandboxId);
        return await db.People.Where(p => p.LastName == "Berg" && p.Phone != null && p.BirthDate == new DateOnly(1979, 11, 2)).Select(p => p.FirstName).SingleAsync();
    }

    private async Task<SubscriptionStatus> PerStatusAsync(string sandboxId)
    {
        var database = demo.Sandboxes.Get(sandboxId);
        await using var db = new BrpDbContext(database.Options);
        var perId = await db.People.Where(p => p.FirstName == "Per" && p.LastName == "Berg").Select(p => p.Id).SingleAsync();
        var overview = await new PersonOverviewQuery(new BrpDbContextFactory(database)).GetAsync(Actors.Reception, perId);
        return overview.Value.Subscriptions.Single().Subscription.StatusOn(Clock(sandboxId).Today);
    }
}
