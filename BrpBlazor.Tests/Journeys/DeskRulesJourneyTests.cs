using BrpBlazor.App;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace BrpBlazor.Tests.Journeys;

/// <summary>Issue 20 at a 768×1024 tablet against the real app; the app's today is 2026-03-16.</summary>
[Collection(BrowserCollection.Name)]
public class DeskRulesJourneyTests(BrowserFixture browser)
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task SpärraKund_StopsTheRedeemWizardAtStepOne_HävSpärr_LetsItGoOn()
    {
        await browser.App.CreateStaffAsync("sparr-sara", "Sara Arbetsledare", Right.Reception, Right.Supervisor);
        int personId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Spärr", 399);
            await TestData.AddOrganisationAsync(db, "Spärr Företaget AB", (gym, 299));
            personId = (await TestData.AddPersonAsync(db, "Sten", "Spärrsson", TestData.NextPersonnummer())).Id;
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "sparr-sara", AppRoutes.Person(personId));
        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-block").ClickAsync();
        await page.GetByTestId("block-reason").FillAsync("Hotade personalen");
        await page.GetByTestId("block-confirm").ClickAsync();
        await Expect(page.GetByTestId("person-blocked")).ToContainTextAsync("Spärrad kund: Hotade personalen");
        await page.ScreenshotAsync("desk-person-blocked");

        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-redeem").ClickAsync();
        await Expect(page.GetByTestId("person-blocked-stop")).ToContainTextAsync("Personen är spärrad: Hotade personalen");
        await Expect(page.GetByTestId("wizard-next")).ToBeDisabledAsync();
        await page.ScreenshotAsync("desk-redeem-blocked");

        await page.GetByTestId("blocked-person-link").ClickAsync();
        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-unblock").ClickAsync();
        await page.GetByTestId("block-reason").FillAsync("Har bett om ursäkt");
        await page.GetByTestId("block-confirm").ClickAsync();
        await Expect(page.GetByTestId("person-blocked")).ToHaveCountAsync(0);

        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-redeem").ClickAsync();
        await Expect(page.GetByTestId("organisation-search")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("person-blocked-stop")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BytaTillBilligareProdukt_PreviewConfirm_CardShowsTheChange_ÅngraProduktbyte()
    {
        await browser.App.CreateStaffAsync("byte-rita", "Rita Reception", Right.Reception);
        int personId;
        await using (var db = browser.App.NewContext())
        {
            var gym = Product.Create(TestData.MonthlyDetails("Gym Byte", price: 399) with { AllowsDowngradeDuringBinding = true }).Value;
            db.Products.Add(gym);
            await db.SaveChangesAsync();
            var basic = await TestData.AddProductAsync(db, "Gym Byte Bas", 299);
            var company = await TestData.AddOrganisationAsync(db, "Byte Företaget AB", (gym, 300), (basic, 200));
            var person = await TestData.AddPersonAsync(db, "Berit", "Bytesson", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, Core.Domain.Common.Money.FromKronor(300), new DateOnly(2026, 1, 1), company.Id, null, "seed", Seed));
            var today = browser.App.Clock.Today;
            subscription.Bill(today, new OperationContext(today, gym), "seed", Seed);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            personId = person.Id;
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "byte-rita", AppRoutes.Person(personId));
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-downgrade").ClickAsync();

        // Billed to 2026-03-31: the organisation's cheaper product from 2026-04-01, at its price-list price.
        await Expect(page.GetByTestId("preview-scheduled-after")).ToContainTextAsync("Byter till Gym Byte Bas från 2026-04-01 (200 kr/mån)");
        await Expect(page.GetByTestId("preview-billed-until-after")).ToContainTextAsync("2026-03-31");
        await Expect(page.GetByTestId("preview-notes")).ToContainTextAsync("inget återbetalas");
        await page.ScreenshotAsync("desk-downgrade-dialog");
        await page.GetByTestId("dialog-confirm").ClickAsync();

        await Expect(page.GetByTestId("subscription-scheduled")).ToContainTextAsync("Byter till Gym Byte Bas från 2026-04-01");
        await page.ScreenshotAsync("desk-downgrade-card");

        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-cancel-scheduled-change").ClickAsync();
        await Expect(page.GetByTestId("preview-notes")).ToContainTextAsync("Det planerade bytet till Gym Byte Bas från 2026-04-01 tas bort");
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Expect(page.GetByTestId("subscription-scheduled")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SägUpp_DuringAFreeze_PreviewSaysTheFreezeEnds_CardShowsItEndingOnTheEndDate()
    {
        await browser.App.CreateStaffAsync("frys-uppsagd", "Ulla Reception", Right.Reception);
        int personId;
        await using (var db = browser.App.NewContext())
        {
            // Bound to 2025-12-31 as sold; billed to 2026-03-31, then frozen 2026-03-01 … 2026-05-15: billed to 2026-06-15.
            var product = await TestData.AddProductAsync(db, "Gym Uppsägning", price: 300);
            var person = await TestData.AddPersonAsync(db, "Frida", "Frysdóttir", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2025, 1, 1), null, null, "seed", Seed));
            var march = new OperationContext(new DateOnly(2026, 3, 1), product);
            subscription.Bill(new DateOnly(2026, 3, 1), march, "seed", Seed);
            subscription.Freeze(new FreezeRequest(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 15), null), march, "seed", Seed);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            personId = person.Id;
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "frys-uppsagd", AppRoutes.Person(personId));
        await Expect(page.GetByTestId("billed-until")).ToContainTextAsync("2026-06-15");
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-cancel").ClickAsync();
        await page.GetByTestId("cancel-reason").FillAsync("Flyttar");

        await Expect(page.GetByTestId("preview-end-date-after")).ToContainTextAsync("2026-04-15");
        await Expect(page.GetByTestId("preview-billed-until-after")).ToContainTextAsync("2026-04-15");
        await Expect(page.GetByTestId("preview-notes")).ToContainTextAsync("slutar på slutdatum 2026-04-15 i stället för 2026-05-15");
        await page.ScreenshotAsync("desk-cancel-during-freeze");
        await page.GetByTestId("dialog-confirm").ClickAsync();

        await Expect(page.GetByTestId("freeze-row")).ToContainTextAsync("2026-03-01 – 2026-04-15 (46 dagar) – slutar på slutdatum");
        await Expect(page.GetByTestId("billed-until")).ToContainTextAsync("2026-04-15");
        await Expect(page.GetByTestId("end-date")).ToContainTextAsync("2026-04-15");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NyPerson_PlusForSomeoneWhoIsNinetyNine_IsRefusedWithWhatPlusMeans()
    {
        await browser.App.CreateStaffAsync("plus-petra", "Petra Reception", Right.Reception);
        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "plus-petra", AppRoutes.NewPerson);

        // Today 2026-03-16: born 1926-04-15 the person is 99, so '+' would read as 1826.
        await page.GetByTestId("person-first-name").FillAsync("Ingrid");
        await page.GetByTestId("person-last-name").FillAsync("Nittionio");
        await page.GetByTestId("person-personnummer-input").FillAsync($"260415+123{Core.Domain.Common.Luhn.CheckDigit("260415123")}");
        await page.GetByTestId("person-save").ClickAsync();

        await Expect(page.GetByText("+ betyder att personen är 100 år eller äldre")).ToBeVisibleAsync();
        await page.ScreenshotAsync("desk-plus-under-hundred");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/personer/ny"));
        await page.Context.CloseAsync();
    }
}
