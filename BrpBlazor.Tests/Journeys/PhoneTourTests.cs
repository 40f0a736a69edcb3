using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// The tablet tour on a phone (390×844) and on tablets (768×1024 upright, 1024×768 sideways): every page, and every
/// journey the desk walks (the redeem wizard through Slutför, the subscription dialogs, the import preview, creating
/// a pre-order and its details) renders with nothing sticking out sideways, no column title or date broken across
/// lines, finger-sized targets and the journey's buttons on the screen. Screenshots go to artifacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneTourTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1024, 768)]
    public async Task EveryPage_OnAPhoneAndATabletSideways_HasNoSidewaysScrolling(int width, int height)
    {
        var userName = $"phone{width}";
        await browser.App.CreateStaffAsync(userName, "Filippa Fon", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var today = browser.App.Clock.Today;
        int personId, organisationId, productId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, $"Gym Fon {width}", 399);
            var company = await TestData.AddOrganisationAsync(db, $"Fonbolaget {width} AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Filippa", $"Fonsson{width}", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            // Never billed, so Debitering always has a row to lay out.
            var unbilled = await TestData.AddPersonAsync(db, "Obe", $"Debiterad{width}", TestData.NextPersonnummer());
            db.Subscriptions.Add(Subscription.Create(new SubscriptionStart(unbilled.Id, gym, gym.MonthlyPrice, today.AddMonths(-1), null, null, "test", browser.App.Clock.UtcNow)));
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), person.FullName, person.Personnummer);
            await db.SaveChangesAsync();
            (personId, organisationId, productId) = (person.Id, company.Id, gym.Id);
        }

        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(browser.BaseAddress, userName);
        var problems = new List<string>();
        // The tablet tour's pages (TabletTourTests), all of them.
        foreach (var path in new[]
        {
            $"/personer?q=fonsson{width}", $"/personer/{personId}", $"/personer/{personId}/redigera", "/personer/ny", $"/personer/{personId}/utnyttja",
            "/organisationskund/ny", "/organisationer?q=fonbolaget", $"/organisationer/{organisationId}", $"/organisationer/{organisationId}/redigera",
            $"/organisationer/{organisationId}/forbestallningar", $"/organisationer/{organisationId}/forbestallningar/importera",
            "/produkter", $"/produkter/{productId}", "/produkter/ny", "/debitering", "/granskning", "/personal",
        })
        {
            await page.GotoAsync(browser.BaseAddress + path);
            await page.WaitForInteractiveAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (path == "/debitering")
            {
                await page.GetByTestId("billing-row").First.WaitForAsync();
            }

            await page.ScreenshotAsync($"size-{width}x{height}" + path.Replace('/', '-').Replace('?', '-').Replace('=', '-'));
            Assert.Empty(await page.Locator("#blazor-error-ui:visible").AllAsync());
            problems.AddRange(await LayoutChecks.SidewaysAsync(page, path));
            problems.AddRange(await LayoutChecks.SmallTargetsAsync(page, path));
        }

        // The Frys dialog with its preview's Efter column.
        await page.GotoAsync($"{browser.BaseAddress}/personer/{personId}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();
        await page.GetByTestId("dialog-confirm").WaitForAsync();
        await page.ScreenshotAsync($"size-{width}x{height}-frys-dialog", fullPage: false);
        problems.AddRange(await LayoutChecks.SidewaysAsync(page, "Frys"));
        var efter = await page.GetByTestId("preview-bound-until-after").BoundingBoxAsync();
        if (efter is null || efter.X + efter.Width > width)
        {
            problems.Add($"Frys: the Efter column ends at {efter?.X + efter?.Width} of {width}px");
        }

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    public async Task EveryJourney_OnAPhoneAndATablet_FitsTheScreenWithItsButtonsInReach(int width, int height)
    {
        var userName = $"phonetrip{width}";
        await browser.App.CreateStaffAsync(userName, "Filip Färd", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var today = browser.App.Clock.Today;
        var clock = browser.App.Clock;
        int memberId, newcomerId, frozenId, comingId, organisationId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, $"Gym Färd {width} 12 mån", 399);
            await TestData.AddProductAsync(db, $"Gym Färd {width} Flex", 499);
            var company = await TestData.AddOrganisationAsync(db, $"Färdbolaget {width} AB", (gym, 299));
            var member = await TestData.AddPersonAsync(db, "Frida", $"Färdsson{width}", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(member.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", clock.UtcNow);
            db.Subscriptions.Add(subscription);
            var newcomer = await TestData.AddPersonAsync(db, "Nils", $"Färdsson{width}", TestData.NextPersonnummer());
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), newcomer.FullName, newcomer.Personnummer);
            // One freeze begun today (Förkorta, Förlänga), one to come (Ta bort frysning).
            var frozen = await TestData.AddPersonAsync(db, "Frej", $"Färdsson{width}", TestData.NextPersonnummer());
            var coming = await TestData.AddPersonAsync(db, "Kim", $"Färdsson{width}", TestData.NextPersonnummer());
            foreach (var (owner, from) in new[] { (frozen, today), (coming, today.AddDays(30)) })
            {
                var withFreeze = Subscription.Create(new SubscriptionStart(owner.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", clock.UtcNow));
                withFreeze.Bill(today, new OperationContext(today, gym), "test", clock.UtcNow);
                Assert.True(withFreeze.Freeze(new FreezeRequest(from, from.AddDays(25), null), new OperationContext(today, gym), "test", clock.UtcNow).IsSuccess);
                db.Subscriptions.Add(withFreeze);
            }

            await db.SaveChangesAsync();
            (memberId, newcomerId, frozenId, comingId, organisationId) = (member.Id, newcomer.Id, frozen.Id, coming.Id, company.Id);
        }

        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(browser.BaseAddress, userName);
        var problems = new List<string>();
        var size = $"size-{width}x{height}";

        async Task CheckAsync(string where, bool dialog, params string[] buttons)
        {
            await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
            await page.ScreenshotAsync($"{size}-{where}", fullPage: !dialog);
            Assert.Empty(await page.Locator("#blazor-error-ui:visible").AllAsync());
            problems.AddRange(await LayoutChecks.SidewaysAsync(page, where));
            problems.AddRange(await LayoutChecks.SmallTargetsAsync(page, where));
            if (dialog)
            {
                problems.AddRange(await LayoutChecks.DialogActionsOffScreenAsync(page, where));
            }

            problems.AddRange(await LayoutChecks.UnreachableAsync(page, where, buttons));
        }

        // Utnyttja avtal/förbeställning, steps 1–5, Slutför, and the person card it lands on.
        await page.GotoAsync($"{browser.BaseAddress}/personer/{newcomerId}/utnyttja");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("suggestion").First).ToHaveAttributeAsync("data-selected", "true");
        await page.GetByTestId("organisation-search").FillAsync($"Färdbolaget {width}");
        await page.GetByTestId("organisation-result").First.WaitForAsync();
        await CheckAsync("wizard-1-organisation", false, "suggestion", "organisation-result", "wizard-cancel", "wizard-next");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await Assertions.Expect(page.GetByTestId("wizard-next")).ToBeEnabledAsync();
        await CheckAsync("wizard-2-legitimering", false, "identity-checked", "wizard-back", "wizard-next");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("contact-email").FillAsync("nils@fardbolaget.se");
        await CheckAsync("wizard-3-personuppgifter", false, "contact-email", "contact-phone", "wizard-back", "wizard-next");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("product-choice").WaitForAsync();
        await CheckAsync("wizard-4-produkt", false, "product-choice", "wizard-back", "wizard-next");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("confirm-summary").WaitForAsync();
        await CheckAsync("wizard-5-bekrafta", false, "confirm-start", "wizard-back", "wizard-finish");
        await page.GetByTestId("wizard-finish").ClickAsync();
        await page.GetByTestId("subscription-product").WaitForAsync();
        await page.WaitForInteractiveAsync();
        await CheckAsync("wizard-6-klart", false, "subscription-menu");

        // The subscription dialogs, each as it opens with its proposed values.
        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{memberId}", "freeze", "freeze-dialog");
        await CheckAsync("dialog-frys", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "freeze-dialog");

        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{memberId}", "cancel", "cancel-dialog");
        await page.GetByTestId("cancel-reason").FillAsync("Flyttar");
        await Assertions.Expect(page.GetByTestId("dialog-confirm")).ToBeEnabledAsync();
        await CheckAsync("dialog-sag-upp", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "cancel-dialog");

        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{memberId}", "upgrade", "upgrade-dialog");
        await CheckAsync("dialog-uppgradera", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "upgrade-dialog");

        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{comingId}", "remove-freeze", "remove-freeze-dialog");
        await CheckAsync("dialog-ta-bort-frysning", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "remove-freeze-dialog");

        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{frozenId}", "shorten-freeze", "change-freeze-end-dialog");
        await CheckAsync("dialog-forkorta", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "change-freeze-end-dialog");

        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{frozenId}", "extend-freeze", "change-freeze-end-dialog");
        await CheckAsync("dialog-forlanga", true, "dialog-cancel", "dialog-confirm");
        await CloseDialogAsync(page, "change-freeze-end-dialog");

        // The import preview, with an ok line, a line in error and the counts.
        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{organisationId}/forbestallningar/importera");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("import-file").Locator("input[type=file]").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "csv", "journey-one-bad-line.csv"));
        await Assertions.Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
        await CheckAsync("import-preview", false, "import-download-rejected", "import-confirm");

        // Skapa förbeställning, filled in, and a pre-order's details.
        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{organisationId}/forbestallningar");
        await page.WaitForInteractiveAsync();
        await CheckAsync("preorders", false, "create-preorder", "go-import", "preorder-export");
        await page.GetByTestId("create-preorder").ClickAsync();
        await page.GetByTestId("create-name").FillAsync("Märta Nyström");
        await page.GetByTestId("create-identity").FillAsync("840517-4023");
        await CheckAsync("dialog-skapa-forbestallning", true, "create-cancel", "create-add-next", "create-add");
        await page.GetByTestId("create-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("create-preorder-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("preorder-row-name").First.ClickAsync();
        await page.GetByTestId("preorder-details-dialog").WaitForAsync();
        await CheckAsync("dialog-forbestallning", true, "details-close");

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(768, 1024)]
    [InlineData(390, 844)]
    public async Task ColleaguesChange_WhileADialogIsOpen_ItsMessageNeverCoversTheDialogsButtons(int width, int height)
    {
        await browser.App.CreateStaffAsync($"snack{width}", "Sara Snabb", Right.Reception);
        await browser.App.CreateStaffAsync($"snackpartner{width}", "Kalle Kollega", Right.Reception);
        var today = browser.App.Clock.Today;
        int personId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, $"Gym Snabb {width}", 399);
            var swim = await TestData.AddProductAsync(db, $"Sim Snabb {width}", 199);
            var person = await TestData.AddPersonAsync(db, "Stina", $"Snackbarsson{width}", TestData.NextPersonnummer());
            foreach (var product in new[] { gym, swim })
            {
                var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
                subscription.Bill(today, new OperationContext(today, product), "test", browser.App.Clock.UtcNow);
                db.Subscriptions.Add(subscription);
            }

            await db.SaveChangesAsync();
            personId = person.Id;
        }

        var page = await browser.NewPageAsync(width, height);
        var colleague = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, $"snack{width}", $"/personer/{personId}");
        await colleague.SignInAsync(browser.BaseAddress, $"snackpartner{width}", $"/personer/{personId}");

        // Frys open here on the gym, with what the member pays beside Avbryt and Frys; the colleague freezes the
        // swim subscription meanwhile: a message, since this dialog is about the other one.
        await OpenSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{personId}", "freeze", "freeze-dialog", $"Gym Snabb {width}");
        await Assertions.Expect(page.GetByTestId("dialog-total")).ToBeVisibleAsync();
        await OpenSubscriptionDialogAsync(colleague, $"{browser.BaseAddress}/personer/{personId}", "freeze", "freeze-dialog", $"Sim Snabb {width}");
        await colleague.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("freeze-dialog")).ToHaveCountAsync(0);

        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "Kalle Kollega" });
        await snackbar.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        await page.ScreenshotAsync($"size-{width}x{height}-snackbar-over-dialog", fullPage: false);
        var message = await snackbar.BoundingBoxAsync();
        Assert.NotNull(message);
        Assert.True(message.Y >= 0 && message.Y + message.Height <= height && message.X >= 0 && message.X + message.Width <= width, $"the message is off the screen: {message.X},{message.Y} {message.Width}x{message.Height}");
        var box = await page.Locator(".mud-dialog .mud-dialog-actions").BoundingBoxAsync();
        Assert.NotNull(box);
        var overlaps = message.X < box.X + box.Width && box.X < message.X + message.Width && message.Y < box.Y + box.Height && box.Y < message.Y + message.Height;
        Assert.False(overlaps, $"the message ({message.X:0},{message.Y:0} {message.Width:0}x{message.Height:0}) covers the dialog's buttons ({box.X:0},{box.Y:0} {box.Width:0}x{box.Height:0})");
        // Nothing else covers them either (the dialog's buttons are still where a finger finds them).
        Assert.Empty(await LayoutChecks.UnreachableAsync(page, "Frys", "dialog-cancel", "dialog-total"));

        // The message keeps its dates whole.
        Assert.Empty(await LayoutChecks.BrokenDatesAsync(page));

        // The colleague freezes the gym too, the subscription of the open dialog: the dialog says so in its own notice
        // (dates whole), and no message repeats it.
        await snackbar.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(snackbar).ToHaveCountAsync(0);
        await OpenSubscriptionDialogAsync(colleague, $"{browser.BaseAddress}/personer/{personId}", "freeze", "freeze-dialog", $"Gym Snabb {width}");
        await colleague.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("freeze-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("dialog-change-notice")).ToContainTextAsync("Kalle Kollega ändrade just abonnemanget");
        Assert.Empty(await LayoutChecks.BrokenDatesAsync(page));
        // The page behind the dialog shows the gym's freeze once it has reloaded, and a message would come with that render.
        await Assertions.Expect(page.GetByTestId("subscription-card").Filter(new() { HasText = $"Gym Snabb {width}" }).GetByTestId("freeze-row")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator(".mud-snackbar").CountAsync());
        await colleague.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static async Task OpenSubscriptionDialogAsync(IPage page, string personPage, string action, string dialogTestId, string? product = null)
    {
        await page.GotoAsync(personPage);
        await page.WaitForInteractiveAsync();
        var card = product is null ? page.Locator("body") : page.GetByTestId("subscription-card").Filter(new() { HasText = product });
        await card.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId($"subscription-action-{action}").ClickAsync();
        await page.GetByTestId(dialogTestId).WaitForAsync();
        await page.GetByTestId("operation-preview").WaitForAsync();
    }

    private static async Task CloseDialogAsync(IPage page, string dialogTestId)
    {
        await page.GetByTestId("dialog-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId(dialogTestId)).ToHaveCountAsync(0);
    }
}
