using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

[Collection(BrowserCollection.Name)]
[Trait("Database", "AlsoPostgreSql")]
public class RedeemJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task FromSearchThroughASuggestion_ToAFinishedSubscription_SurvivingAReload()
    {
        await browser.App.CreateStaffAsync("redeemer", "Rut Reception", Right.Reception, Right.Organisation);
        var today = browser.App.Clock.Today;
        var pnr = TestData.NextPersonnummer(new DateOnly(1985, 3, 14));
        int preOrderId;
        int companyId;
        await using (var db = browser.App.NewContext())
        {
            var gold = await TestData.AddProductAsync(db, "Gym Guld R", 549);
            var gym = await TestData.AddProductAsync(db, "Gym 12 mån R", 399);
            var company = await TestData.AddOrganisationAsync(db, "Redeem Företaget AB", (gym, 299), (gold, 449));
            var city = await TestData.AddOrganisationAsync(db, "Redeem Kommun", (gym, 319));
            await TestData.AddPersonAsync(db, "Åsa", "Öberg", pnr);
            preOrderId = (await TestData.AddPreOrderAsync(db, company, gold, new DateRange(today.AddDays(-5), today.AddMonths(2)), "Åsa Öberg", pnr)).Id;
            companyId = company.Id;
            await TestData.AddPreOrderAsync(db, city, gym, new DateRange(today.AddDays(-5), today.AddMonths(2)), "Åsa Öberg", pnr);
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "redeemer");
        await page.GetByTestId("person-search-input").FillAsync(pnr.Formatted);
        await page.GetByTestId("person-search-button").ClickAsync();
        await page.GetByTestId("person-hit").First.ClickAsync();
        await page.GetByTestId("person-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("menu-redeem").ClickAsync();

        // Sök organisation: two suggestions, so staff must pick one.
        await Assertions.Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("wizard-next")).ToBeDisabledAsync();
        await page.GetByTestId("suggestion").Filter(new() { HasText = "Redeem Företaget AB" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("suggestion-match").First).ToHaveTextAsync("personnummer");
        await page.ScreenshotAsync("redeem-1-organisation");
        await page.GetByTestId("wizard-next").ClickAsync();

        // Legitimering.
        await page.GetByTestId("identity-checked").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        // Personuppgifter.
        await page.GetByTestId("contact-email").FillAsync("asa.oberg@foretaget.se");
        await page.GetByTestId("wizard-next").ClickAsync();

        // Produkt: locked to the pre-ordered product.
        await Assertions.Expect(page.GetByTestId("product-explanation")).ToContainTextAsync("Bara den förbeställda produkten");
        await Assertions.Expect(page.GetByTestId("product-choice")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("redeem-2-product");

        // A reload at the Produkt step comes back to it with the inputs kept.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("product-explanation")).ToContainTextAsync("Gym Guld R");
        await page.GetByTestId("wizard-back").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-email")).ToHaveValueAsync("asa.oberg@foretaget.se");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        // Bekräfta.
        await Assertions.Expect(page.GetByTestId("confirm-product")).ToHaveTextAsync("Gym Guld R");
        await Assertions.Expect(page.GetByTestId("confirm-price")).ToContainTextAsync("449");
        await page.ScreenshotAsync("redeem-3-confirm");
        await page.GetByTestId("wizard-finish").ClickAsync();

        await Assertions.Expect(page.GetByTestId("subscription-product")).ToHaveTextAsync("Gym Guld R");
        await page.ScreenshotAsync("redeem-4-person");
        await using (var db = browser.App.NewContext())
        {
            Assert.Equal(PreOrderStatus.Redeemed, (await db.PreOrders.SingleAsync(p => p.Id == preOrderId)).Status);
        }

        // The organisation's pre-order list shows it redeemed.
        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{companyId}/forbestallningar");
        await page.WaitForInteractiveAsync();
        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("preorder-row-name").GetByText("Åsa Öberg") });
        await Assertions.Expect(row.GetByTestId("preorder-row-status")).ToHaveTextAsync("utnyttjad");
        await Assertions.Expect(page.GetByTestId("count-redeemed")).ToContainTextAsync("1");

        await page.Context.CloseAsync();
    }
}
