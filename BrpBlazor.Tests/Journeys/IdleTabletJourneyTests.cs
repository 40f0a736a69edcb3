using BrpBlazor.App;
using BrpBlazor.App.Infrastructure.Operations;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// A tablet left on the desk (decision 135): after <c>Brp:IdleCircuitMinutes</c> without input its circuit is paused and
/// the server holds no circuit for it; the next touch resumes exactly where it was. Its own app, idle after 3 s.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Database", "AlsoPostgreSql")]
public sealed class IdleTabletJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly AppFactory app = new(settings: new Dictionary<string, string?> { ["Brp:IdleCircuitMinutes"] = "0.05" });

    private OpenCircuits Circuits => app.Services.GetRequiredService<OpenCircuits>();

    public Task InitializeAsync()
    {
        app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task IdleWithTheFreezeDialogOpen_IsPaused_TheNextTouchBringsBackTheDialogWithItsInputs()
    {
        await app.CreateStaffAsync("idle-rita", "Rita Reception", Right.Reception);
        var personId = await ArrangeAsync("Vilande", "Surfplattesson");
        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(app.BaseAddress, "idle-rita", AppRoutes.Person(personId));
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();
        await page.GetByTestId("freeze-end").FillAsync("2026-04-30");
        await page.GetByTestId("freeze-end").PressAsync("Tab");
        await page.GetByTestId("freeze-reason").FillAsync("Utlandsresa");
        await Expect(page.GetByTestId("preview-bound-until-after")).ToContainTextAsync("2027-02-15");
        Assert.Equal(1, Circuits.Count);

        // Three seconds without a touch: paused, and the server holds no circuit for this tablet any more.
        var modal = page.Locator("#components-reconnect-modal.components-reconnect-paused");
        await Expect(modal).ToBeVisibleAsync();
        await Expect(modal).ToContainTextAsync("Surfplattan vilar");
        await Poll.UntilAsync(() => Circuits.Count == 0, TimeSpan.FromSeconds(15));
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        await page.ScreenshotAsync("idle-paused");

        // The pause is readable and its button a touch target: axe (WCAG 2.1 A and AA) and the button's size.
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        var button = await page.GetByTestId("resume-button").BoundingBoxAsync();
        Assert.True(button!.Height >= 44 && button.Width >= 44, $"Fortsätt is {button.Width}×{button.Height} px");

        // The next touch: the same person, the Frys dialog open again with the end date and the reason typed before.
        var before = await page.GetByTestId("interactive").GetAttributeAsync("data-instance");
        await page.Touchscreen.TapAsync(380, 900);
        await Expect(modal).ToBeHiddenAsync();
        await Expect(page.Locator($"[data-testid=interactive]:not([data-instance='{before}'])")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("person-name")).ToHaveTextAsync("Vilande Surfplattesson");
        await Expect(page.Locator("input[data-testid=freeze-end]")).ToHaveValueAsync("2026-04-30");
        await Expect(page.GetByTestId("freeze-reason")).ToHaveValueAsync("Utlandsresa");
        await Expect(page.GetByTestId("preview-bound-until-after")).ToContainTextAsync("2027-02-15");
        Assert.Equal(1, Circuits.Count);
        await page.ScreenshotAsync("idle-resumed");

        // And it is a working dialog on the new circuit: the confirm saves what the inputs say.
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Expect(page.GetByTestId("freeze-row")).ToContainTextAsync("2026-03-16 – 2026-04-30");
        await using var db = app.NewContext();
        var freeze = await db.Subscriptions.Where(s => s.PersonId == personId).SelectMany(s => s.Freezes).SingleAsync();
        Assert.Equal("Utlandsresa", freeze.Reason);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task IdleInTheRedeemWizard_TheNextKeyResumesAtTheSameStepWithItsInputs()
    {
        await app.CreateStaffAsync("idle-rut", "Rut Reception", Right.Reception);
        var today = app.Clock.Today;
        var pnr = TestData.NextPersonnummer(new DateOnly(1986, 4, 2));
        int personId;
        await using (var db = app.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Vila", 399);
            var company = await TestData.AddOrganisationAsync(db, "Vilan AB", (gym, 299));
            personId = (await TestData.AddPersonAsync(db, "Ida", "Idle", pnr)).Id;
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today.AddDays(-5), today.AddMonths(2)), "Ida Idle", pnr);
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(app.BaseAddress, "idle-rut", AppRoutes.Person(personId));
        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-redeem").ClickAsync();
        await Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(1);
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("contact-email").FillAsync("ida.idle@vilan.se");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByTestId("product-explanation")).ToContainTextAsync("Gym Vila");

        var before = await page.GetByTestId("interactive").GetAttributeAsync("data-instance");
        var modal = page.Locator("#components-reconnect-modal.components-reconnect-paused");
        await Expect(modal).ToBeVisibleAsync();
        await Poll.UntilAsync(() => Circuits.Count == 0, TimeSpan.FromSeconds(15));

        await page.Keyboard.PressAsync("Shift");
        await Expect(modal).ToBeHiddenAsync();
        // What is on screen until the new circuit has rendered is the old page: wait for the new one.
        await Expect(page.Locator($"[data-testid=interactive]:not([data-instance='{before}'])")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("product-explanation")).ToContainTextAsync("Gym Vila");
        await page.GetByTestId("wizard-back").ClickAsync();
        await Expect(page.GetByTestId("contact-email")).ToHaveValueAsync("ida.idle@vilan.se");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedOutWhilePaused_TheResumeShowsNoPersonalData()
    {
        await app.CreateStaffAsync("idle-olle", "Olle Reception", Right.Reception);
        var personId = await ArrangeAsync("Utloggad", "Pausson");
        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(app.BaseAddress, "idle-olle", AppRoutes.Person(personId));
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();
        await page.GetByTestId("freeze-reason").FillAsync("Hemligt");
        var modal = page.Locator("#components-reconnect-modal.components-reconnect-paused");
        await Expect(modal).ToBeVisibleAsync();
        await Poll.UntilAsync(() => Circuits.Count == 0, TimeSpan.FromSeconds(15));

        // The sign-in cookie is gone (signed out elsewhere, or it expired) before the next touch.
        await page.Context.ClearCookiesAsync(new() { Name = BrpBlazor.App.Infrastructure.WebSecurity.AuthCookie });
        await page.Touchscreen.TapAsync(380, 900);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logga-in"));
        await Expect(page.GetByTestId("freeze-reason")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Pausson", await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<int> ArrangeAsync(string firstName, string lastName)
    {
        await using var db = app.NewContext();
        var product = await TestData.AddProductAsync(db, $"Gym {firstName}", price: 300);
        var person = await TestData.AddPersonAsync(db, firstName, lastName, TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        var today = app.Clock.Today;
        subscription.Bill(today, new OperationContext(today, product), "seed", Seed);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
