using System.Text.RegularExpressions;
using BrpBlazor.App;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrpBlazor.Tests.Journeys;

/// <summary>Subscription operations on two tablets (768×1024) against the real app; the app's today is 2026-03-16.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Database", "AlsoPostgreSql")]
public class SubscriptionJourneyTests(BrowserFixture browser)
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Freeze_PreviewFollowsTheEndDate_Confirm_SecondTabletShowsItWithoutReload()
    {
        await browser.App.CreateStaffAsync("frys-rita", "Rita Reception", Right.Reception);
        await browser.App.CreateStaffAsync("frys-olle", "Olle Reception", Right.Reception);
        var personId = await ArrangeAsync("Frysa", "Journeysson");
        var first = await browser.NewTabletPageAsync();
        var second = await browser.NewTabletPageAsync();
        await first.SignInAsync(browser.BaseAddress, "frys-rita", AppRoutes.Person(personId));
        await second.SignInAsync(browser.BaseAddress, "frys-olle", AppRoutes.Person(personId));
        await Expect(second.GetByTestId("bound-until")).ToContainTextAsync("2026-12-31");
        await Expect(second.GetByTestId("freeze-row")).ToHaveCountAsync(0);

        await first.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await first.GetByTestId("subscription-action-freeze").ClickAsync();
        var boundAfter = first.GetByTestId("preview-bound-until-after");
        // Default: today for a month, 2026-03-16 … 2026-04-15 (31 days).
        await Expect(boundAfter).ToContainTextAsync("2027-01-31");
        await first.ScreenshotAsync("subscription-freeze-dialog");

        var end = first.GetByTestId("freeze-end");
        await end.FillAsync("2026-04-30");
        await end.PressAsync("Tab");

        // 46 days: the binding moves 46 days, 16 paid days (03-16 … 03-31) come back after 04-30.
        await Expect(boundAfter).ToContainTextAsync("2027-02-15");
        await Expect(first.GetByTestId("preview-billed-until-after")).ToContainTextAsync("2026-05-16");
        await first.ScreenshotAsync("subscription-freeze-dialog-changed");
        await first.GetByTestId("dialog-confirm").ClickAsync();

        await Expect(first.GetByTestId("freeze-row")).ToContainTextAsync("2026-03-16 – 2026-04-30");
        await Expect(first.GetByTestId("bound-until")).ToContainTextAsync("2027-02-15");
        // The other tablet was never reloaded: the change feed refreshed it.
        await Expect(second.GetByTestId("freeze-row")).ToContainTextAsync("2026-03-16 – 2026-04-30", new() { Timeout = 5000 });
        await Expect(second.GetByTestId("bound-until")).ToContainTextAsync("2027-02-15");
        await Expect(second.GetByTestId("open-charges")).ToContainTextAsync("100 kr");
        await second.ScreenshotAsync("subscription-second-tablet");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenDialog_AnotherTabletChangesTheSubscription_DialogSaysSoAndPreviewsTheNewState()
    {
        await browser.App.CreateStaffAsync("frys-anna", "Anna Reception", Right.Reception);
        await browser.App.CreateStaffAsync("frys-bo", "Bo Reception", Right.Reception);
        var personId = await ArrangeAsync("Levande", "Dialogsson");
        var first = await browser.NewTabletPageAsync();
        var second = await browser.NewTabletPageAsync();
        await first.SignInAsync(browser.BaseAddress, "frys-anna", AppRoutes.Person(personId));
        await second.SignInAsync(browser.BaseAddress, "frys-bo", AppRoutes.Person(personId));

        // Anna opens Säg upp and types a reason; meanwhile Bo freezes June.
        await first.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await first.GetByTestId("subscription-action-cancel").ClickAsync();
        await first.GetByTestId("cancel-reason").FillAsync("Flyttar");
        await Expect(first.GetByTestId("preview-end-date-after")).ToContainTextAsync("2026-12-31");

        await second.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await second.GetByTestId("subscription-action-freeze").ClickAsync();
        await second.GetByTestId("freeze-start").FillAsync("2026-06-01");
        await second.GetByTestId("freeze-start").PressAsync("Tab");
        // Moving the start keeps the length (31 days), so the end follows before Bo types his own.
        await Expect(second.Locator("input[data-testid=freeze-end]")).ToHaveValueAsync("2026-07-01");
        await second.GetByTestId("freeze-end").FillAsync("2026-06-30");
        await second.GetByTestId("freeze-end").PressAsync("Tab");
        await Expect(second.GetByTestId("preview-bound-until-after")).ToContainTextAsync("2027-01-30");
        await second.GetByTestId("dialog-confirm").ClickAsync();

        // A future freeze blocks cancelling: Anna's open dialog says what changed and why it cannot go on.
        await Expect(first.GetByTestId("dialog-change-notice")).ToContainTextAsync("Bo Reception ändrade just abonnemanget", new() { Timeout = 5000 });
        await Expect(first.GetByTestId("dialog-errors")).ToContainTextAsync("Ta bort den kommande frysningen 2026-06-01 – 2026-06-30");
        await Expect(first.GetByTestId("dialog-confirm")).ToBeDisabledAsync();
        await Expect(first.GetByTestId("cancel-reason")).ToHaveValueAsync("Flyttar");
        await first.ScreenshotAsync("subscription-dialog-changed-elsewhere");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task DatePicker_OnATablet_ShowsEachDayUnderItsWeekday()
    {
        await browser.App.CreateStaffAsync("frys-kalender", "Kalle Kalender", Right.Reception);
        var personId = await ArrangeAsync("Kalender", "Veckosson");
        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "frys-kalender", AppRoutes.Person(personId));
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();

        // The end date is 2026-04-15; April 2026 starts on a Wednesday and has 30 days.
        await page.GetByTestId("freeze-end-field").GetByRole(AriaRole.Button).First.ClickAsync();
        var day30 = Day(page, 30);
        await Expect(day30).ToBeVisibleAsync();
        // The picker opens with a transition: measure once every animation on the page has finished.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var first = await Day(page, 1).BoundingBoxAsync();
        var weekdays = page.GetByText(new Regex("^(mån|tis|ons|tors|tor|fre|lör|sön)$"));
        var wednesday = await weekdays.Nth(2).BoundingBoxAsync();
        Assert.Equal("ons", (await weekdays.Nth(2).InnerTextAsync()).Trim());
        await page.ScreenshotAsync("subscription-date-picker");
        Assert.InRange(first!.X + (first.Width / 2) - (wednesday!.X + (wednesday.Width / 2)), -6, 6);

        await Day(page, 29).ClickAsync();
        await Expect(page.Locator("input[data-testid=freeze-end]")).ToHaveValueAsync("2026-04-29");
        await Expect(page.GetByTestId("preview-bound-until-after")).ToContainTextAsync("2027-02-14");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A day of the open calendar by its number. The neighbouring months' days are rendered too, only hidden by
    /// MudBlazor's own class, and a calendar day cannot carry a data-testid: that one class is the only way to tell them.
    /// </summary>
    private static ILocator Day(IPage page, int day) =>
        page.GetByRole(AriaRole.Button).Filter(new() { HasTextRegex = new Regex($"^{day}$") }).And(page.Locator(":not(.mud-hidden)"));

    /// <summary>A person with "Gym" 300 kr/mån from 2026-01-01, bound to 2026-12-31, billed to 2026-03-31.</summary>
    private async Task<int> ArrangeAsync(string firstName, string lastName)
    {
        await using var db = browser.App.NewContext();
        var product = await TestData.AddProductAsync(db, $"Gym {firstName}", price: 300);
        var person = await TestData.AddPersonAsync(db, firstName, lastName, TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        var today = browser.App.Clock.Today;
        subscription.Bill(today, new OperationContext(today, product), "seed", Seed);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
