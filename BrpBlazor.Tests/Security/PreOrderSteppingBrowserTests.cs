using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// The reproduction, in the real app and a real browser: a Reception user stepping
/// <c>/organisationskund/ny?forbestallning=N</c> over every pre-order id reads nobody's details (docs/decisions/060).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PreOrderSteppingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReceptionSteppingPreOrderIds_InTheWizardsUrl_SeesNoPersonnummerNameOrEmail()
    {
        await browser.App.CreateStaffAsync("stepper", "Stina Stegare", Right.Reception);
        var today = browser.App.Clock.Today;
        var ids = new List<(int Id, string Personnummer, string LastName)>();
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Stegtest 12 mån", 399);
            var company = await TestData.AddOrganisationAsync(db, "Stegtest AB", (gym, 299));
            foreach (var name in new[] { "Karin Stegqvist", "Olle Stegström", "Maja Stegbjörk", "Erik Stegwallin" })
            {
                var pnr = TestData.NextPersonnummer();
                var preOrder = await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today.AddDays(-1), today.AddMonths(1)), name, pnr);
                ids.Add((preOrder.Id, pnr.Formatted, name.Split(' ')[1]));
            }
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "stepper");
        var tried = new List<string>();
        foreach (var (id, personnummer, lastName) in ids)
        {
            // Each id a fresh wizard, not the previous one restored from the tab's session storage.
            await page.EvaluateAsync("() => sessionStorage.clear()");
            await page.GotoAsync($"{browser.BaseAddress}/organisationskund/ny?forbestallning={id}");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByTestId("new-firstname")).ToBeVisibleAsync();

            await Assertions.Expect(page.GetByTestId("new-personnummer")).ToHaveValueAsync(string.Empty);
            await Assertions.Expect(page.GetByTestId("new-lastname")).ToHaveValueAsync(string.Empty);
            var html = await page.ContentAsync();
            Assert.DoesNotContain(personnummer[..8], html, StringComparison.Ordinal);
            Assert.DoesNotContain(lastName, html, StringComparison.Ordinal);
            Assert.Empty(PersonnummerScanner.Find(html.Split('\n'), today));
            tried.Add($"/organisationskund/ny?forbestallning={id}: nothing prefilled");
        }

        await page.ScreenshotAsync("security-preorder-stepping");
        await page.Context.CloseAsync();
        Console.WriteLine(string.Join(Environment.NewLine, tried));
    }
}
