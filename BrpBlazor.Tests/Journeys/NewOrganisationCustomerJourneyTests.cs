using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

[Collection(BrowserCollection.Name)]
public class NewOrganisationCustomerJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task UnknownPersonnummer_StartFromThePreOrder_FinishedMembership()
    {
        await browser.App.CreateStaffAsync("walkin", "Vera Walk-in", Right.Reception, Right.Organisation);
        var today = browser.App.Clock.Today;
        var pnr = TestData.NextPersonnummer(new DateOnly(1988, 9, 9));
        int preOrderId;
        int companyId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Walk-in 12 mån", 399);
            var other = await TestData.AddProductAsync(db, "Gym Walk-in Flex", 499);
            var company = await TestData.AddOrganisationAsync(db, "Walk-in Företaget AB", (gym, 299), (other, 459));
            preOrderId = (await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today.AddDays(-5), today.AddMonths(2)), "Nyman, Nils", pnr)).Id;
            companyId = company.Id;
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "walkin");
        await page.GetByTestId("person-search-input").FillAsync($"{pnr.TenDigits[..6]}-{pnr.TenDigits[6..]}");
        await page.GetByTestId("person-search-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("preorder-hint")).ToContainTextAsync("Förbeställning finns hos Walk-in Företaget AB");
        await page.ScreenshotAsync("new-customer-0-search");
        await page.GetByTestId("start-from-preorder").ClickAsync();

        // Personuppgifter, pre-filled from the pre-order.
        await Assertions.Expect(page.GetByTestId("new-firstname")).ToHaveValueAsync("Nils");
        await Assertions.Expect(page.GetByTestId("new-lastname")).ToHaveValueAsync("Nyman");
        await Assertions.Expect(page.GetByTestId("new-personnummer")).ToHaveValueAsync(pnr.Formatted);
        await page.GetByTestId("new-phone").FillAsync("070-555 12 34");
        await page.ScreenshotAsync("new-customer-1-person");
        await page.GetByTestId("wizard-next").ClickAsync();

        // Sök organisation: the one suggestion is chosen.
        await Assertions.Expect(page.GetByTestId("chosen-organisation")).ToContainTextAsync("Walk-in Företaget AB");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        // Produkt: locked to the pre-ordered product.
        await Assertions.Expect(page.GetByTestId("product-choice")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("product-explanation")).ToContainTextAsync("Gym Walk-in 12 mån");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("wizard-finish").ClickAsync();

        await Assertions.Expect(page.GetByTestId("person-name")).ToHaveTextAsync("Nils Nyman");
        await Assertions.Expect(page.GetByTestId("subscription-product")).ToHaveTextAsync("Gym Walk-in 12 mån");
        await page.ScreenshotAsync("new-customer-2-person");
        await using (var db = browser.App.NewContext())
        {
            var preOrder = await db.PreOrders.SingleAsync(p => p.Id == preOrderId);
            Assert.Equal(PreOrderStatus.Redeemed, preOrder.Status);
            Assert.Equal("070-555 12 34", (await db.People.SingleAsync(p => p.Personnummer == pnr)).Phone);
        }

        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{companyId}/forbestallningar");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("preorder-row-status").First).ToHaveTextAsync("utnyttjad");

        await page.Context.CloseAsync();
    }
}
