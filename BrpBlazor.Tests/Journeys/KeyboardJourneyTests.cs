using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// Keyboard only (Tab, Enter, arrow keys): search a person, open them, freeze a subscription. At every step the
/// focused element shows a visible focus ring, and a closed dialog hands the focus back to the menu button that opened it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class KeyboardJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchAndFreeze_WithTheKeyboardOnly_FocusIsVisibleAndReturnsToTheMenu()
    {
        await browser.App.CreateStaffAsync("tangent", "Tage Tangent", Right.Reception);
        var today = browser.App.Clock.Today;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Tangent 12 mån", 399);
            var person = await TestData.AddPersonAsync(db, "Tanja", "Tangentsson", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "tangent");
        await page.WaitForInteractiveAsync();

        await TabToAsync(page, "input[data-testid=person-search-input], [data-testid=person-search-input] input");
        await page.Keyboard.TypeAsync("tangentsson");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("person-hit").WaitForAsync();
        await TabToAsync(page, "a[data-testid=person-hit]");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("person-name").WaitForAsync();
        await page.WaitForInteractiveAsync();
        await page.ScreenshotAsync("keyboard-1-person");

        // Escape closes Frys without a change, and the focus is back on the menu button that opened it.
        await OpenFreezeWithTheKeyboardAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("freeze-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(MenuButton(page)).ToBeFocusedAsync();

        await OpenFreezeWithTheKeyboardAsync(page);
        await Assertions.Expect(page.GetByTestId("dialog-confirm")).ToBeEnabledAsync();
        await page.ScreenshotAsync("keyboard-2-frys-dialog");
        await TabToAsync(page, "[data-testid=dialog-confirm]");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("freeze-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("freeze-row")).ToHaveCountAsync(1);

        // After a saved change the page reloads; the focus is on the subscription's menu button, not lost on <body>.
        await Assertions.Expect(MenuButton(page)).ToBeFocusedAsync();
        await page.ScreenshotAsync("keyboard-3-frozen");
        await page.Context.CloseAsync();
    }

    private static ILocator MenuButton(IPage page) => page.GetByTestId("subscription-menu").Locator("button").First;

    private static async Task OpenFreezeWithTheKeyboardAsync(IPage page)
    {
        await TabToAsync(page, "[data-testid=subscription-menu] button");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("subscription-action-freeze").WaitForAsync();
        await TabToAsync(page, "[data-testid=subscription-action-freeze]", "ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("dialog-confirm").WaitForAsync(new() { Timeout = 30000 });
        // The dialog takes the focus (its focus trap), so Escape and Tab act in it.
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog')");
    }

    /// <summary>Presses <paramref name="key"/> until the focus is on (or inside) what <paramref name="selector"/> finds, and checks the focus ring shows.</summary>
    private static async Task TabToAsync(IPage page, string selector, string key = "Tab")
    {
        // The focus may already be there (a menu focuses its first item): look before pressing.
        for (var i = 0; i < 40; i++)
        {
            if (i > 0)
            {
                await page.Keyboard.PressAsync(key);
            }

            var state = await page.EvaluateAsync<string>(@"s => { const a = document.activeElement; if (!a) return 'none';
                const hit = a.matches(s) || !!a.closest(s);
                return hit ? (a.matches(':focus-visible') ? 'visible' : 'hidden') : 'no'; }", selector);
            if (state == "visible")
            {
                return;
            }

            Assert.True(state != "hidden" || i == 0, $"{selector} has the focus but no visible focus ring");
        }

        Assert.Fail($"{key} never reached {selector}");
    }
}
