using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

[Collection(BrowserCollection.Name)]
public class FoundationJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchByTenDigitPersonnummer_OpensThePersonPage()
    {
        await browser.App.CreateStaffAsync("reception1", "Rita Reception", Right.Reception);
        var pnr = TestData.NextPersonnummer(new DateOnly(1979, 11, 2));
        await using (var db = browser.App.NewContext())
        {
            await TestData.AddPersonAsync(db, "Per", "Berg", pnr);
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "reception1");

        await page.GetByTestId("person-search-input").FillAsync($"{pnr.TenDigits[..6]}-{pnr.TenDigits[6..]}");
        await page.GetByTestId("person-search-button").ClickAsync();
        await page.GetByTestId("person-hit").First.ClickAsync();

        await Assertions.Expect(page.GetByTestId("person-name")).ToHaveTextAsync("Per Berg");
        await Assertions.Expect(page.GetByTestId("person-personnummer")).ToContainTextAsync(pnr.Formatted);
        Assert.DoesNotContain(pnr.TenDigits[6..], page.Url, StringComparison.CurrentCulture);
        await page.ScreenshotAsync("foundation-person-page");
        await page.Context.CloseAsync();
    }
}
