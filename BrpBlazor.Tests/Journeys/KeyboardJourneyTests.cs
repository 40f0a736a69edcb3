using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// Keyboard only (Tab, Enter, Space, arrow keys): search a person, open them, freeze a subscription; and a whole
/// redemption through the wizard. At every step the focused element shows a visible focus ring, a closed dialog hands
/// the focus back to the menu button that opened it, and a finished wizard leaves it on the person's heading.
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

    [Fact]
    public async Task Redeem_WithTheKeyboardOnly_FocusIsVisibleAtEveryStepAndLandsOnThePerson()
    {
        await browser.App.CreateStaffAsync("tangent2", "Tage Tangentbord", Right.Reception);
        int personId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Knapp 12 mån", 399);
            var flex = await TestData.AddProductAsync(db, "Gym Knapp Flex", 499);
            await TestData.AddOrganisationAsync(db, "Knappbolaget AB", (gym, 299), (flex, 449));
            personId = (await TestData.AddPersonAsync(db, "Klara", "Knappsson", TestData.NextPersonnummer())).Id;
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "tangent2");
        await page.WaitForInteractiveAsync();

        await TabToAsync(page, "input[data-testid=person-search-input], [data-testid=person-search-input] input");
        await page.Keyboard.TypeAsync("knappsson");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("person-hit").WaitForAsync();
        await TabToAsync(page, "a[data-testid=person-hit]");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("person-name").WaitForAsync();
        await page.WaitForInteractiveAsync();

        // The person's menu → Utnyttja avtal/förbeställning, with Enter and the arrow keys.
        await TabToAsync(page, "[data-testid=person-menu] button");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("menu-redeem").WaitForAsync();
        await MenuHasTheFocusAsync(page);
        await TabToAsync(page, "[data-testid=menu-redeem]", "ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("redeem-wizard").WaitForAsync();
        await page.WaitForInteractiveAsync();

        // 1 Sök organisation: no pre-order, so search and pick a result with Enter.
        await Assertions.Expect(page.GetByTestId("no-suggestions")).ToBeVisibleAsync();
        await TabToAsync(page, "input[data-testid=organisation-search]");
        await page.Keyboard.TypeAsync("knappbolaget");
        await page.GetByTestId("organisation-result").WaitForAsync();
        await TabToAsync(page, "[data-testid=organisation-result]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("chosen-organisation")).ToContainTextAsync("Knappbolaget AB");
        await Assertions.Expect(page.GetByTestId("organisation-result")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAsync("keyboard-redeem-1-organisation");
        await NextAsync(page, "identity-checked");

        // 2 Legitimering: Space ticks the box.
        await TabToAsync(page, "[data-testid=identity-checked] input, input[data-testid=identity-checked]");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("wizard-next")).ToBeEnabledAsync();
        await page.ScreenshotAsync("keyboard-redeem-2-legitimering");
        await NextAsync(page, "contact-email");

        // 3 Personuppgifter.
        await TabToAsync(page, "input[data-testid=contact-email]");
        await page.Keyboard.TypeAsync("klara@knappbolaget.se");
        await NextAsync(page, "product-choice");

        // 4 Produkt: the price list's products are radio buttons; the arrow keys move between them, Space picks.
        var checkedProduct = page.Locator("label:has(input[type=radio]:checked)");
        await TabToAsync(page, "input[type=radio]");
        await page.Keyboard.PressAsync("Space");
        // Wait for the circuit to have the first choice before moving on, so its answer cannot undo the second.
        await Assertions.Expect(checkedProduct).ToContainTextAsync("Gym Knapp 12 mån");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(checkedProduct).ToContainTextAsync("Gym Knapp Flex");
        await Assertions.Expect(page.GetByTestId("wizard-next")).ToBeEnabledAsync();
        await AssertFocusRingAsync(page, "the product's radio button");
        await page.ScreenshotAsync("keyboard-redeem-4-produkt");
        await NextAsync(page, "confirm-summary");

        // 5 Bekräfta → Slutför.
        await Assertions.Expect(page.GetByTestId("confirm-product")).ToHaveTextAsync("Gym Knapp Flex");
        await TabToAsync(page, "[data-testid=wizard-finish]");
        await page.ScreenshotAsync("keyboard-redeem-5-bekrafta");
        await page.Keyboard.PressAsync("Enter");

        // The wizard closes on the person's page: the focus is on its heading (read first), not lost on <body>,
        // and the next Tab goes on into the page.
        await page.WaitForURLAsync($"**/personer/{personId}");
        await Assertions.Expect(page.GetByTestId("subscription-product")).ToHaveTextAsync("Gym Knapp Flex");
        await Assertions.Expect(page.GetByTestId("person-name")).ToBeFocusedAsync();
        await page.ScreenshotAsync("keyboard-redeem-6-klart");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('.mud-main-content')"), "Tab after the wizard left the page's content");
        await page.Context.CloseAsync();
    }

    /// <summary>Tab to Nästa, Enter, and wait for the next step's field.</summary>
    private static async Task NextAsync(IPage page, string nextStepTestId)
    {
        await TabToAsync(page, "[data-testid=wizard-next]");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId(nextStepTestId).First.WaitForAsync();
    }

    private static ILocator MenuButton(IPage page) => page.GetByTestId("subscription-menu").Locator("button").First;

    private static async Task OpenFreezeWithTheKeyboardAsync(IPage page)
    {
        await TabToAsync(page, "[data-testid=subscription-menu] button");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("subscription-action-freeze").WaitForAsync();
        await MenuHasTheFocusAsync(page);
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
                // A menu's arrow keys are handled by the circuit, a round trip later: wait for the focus to move before
                // looking, or the next key lands before the last one did and the focus overshoots.
                await page.EvaluateAsync("() => { window.__brpFocusBefore = document.activeElement; }");
                await page.Keyboard.PressAsync(key);
                try
                {
                    await page.WaitForFunctionAsync("() => document.activeElement !== window.__brpFocusBefore", null, new() { Timeout = 3000 });
                }
                catch (TimeoutException)
                {
                    // Nothing further to move to (the end of a list): the check below says so.
                }
            }

            var state = await page.EvaluateAsync<string>(@"s => { const a = document.activeElement; if (!a) return 'none';
                const hit = a.matches(s) || !!a.closest(s);
                return hit ? (" + RingScript + @"(a) ? 'visible' : 'hidden') : 'no'; }", selector);
            if (state == "visible")
            {
                return;
            }

            Assert.True(state != "hidden" || i == 0, $"{selector} has the focus but no visible focus ring");
        }

        Assert.Fail($"{key} never reached {selector}");
    }

    /// <summary>A menu opened by Enter moves the focus to its first item itself; an arrow key before that would be undone.</summary>
    private static async Task MenuHasTheFocusAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-popover-open')");

    private static async Task AssertFocusRingAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => (" + RingScript + ")(document.activeElement)"), $"{what} has the focus but no visible focus ring");

    /// <summary>
    /// Whether the focused element shows a ring a person can see: <c>:focus-visible</c> alone is only the browser's
    /// opinion, and MudBlazor's buttons draw nothing for it but a faint background. An outline of at least 2 px on
    /// the element, or on the round button a checkbox's or radio's hidden input sits in; a text field's 2 px border.
    /// </summary>
    private const string RingScript = @"(a => { if (!a.matches(':focus-visible')) return false;
        const ring = e => { const s = getComputedStyle(e); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
        if (a.matches('input[type=checkbox], input[type=radio]')) return ring(a.closest('.mud-button-root') ?? a);
        if (a.matches('input, textarea')) { const b = a.closest('.mud-input')?.querySelector('.mud-input-outlined-border');
            return !!b && parseFloat(getComputedStyle(b).borderTopWidth) >= 2; }
        return ring(a); })";
}
