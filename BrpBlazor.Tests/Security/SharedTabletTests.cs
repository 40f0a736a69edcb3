using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// A tablet shared by the desk, in a real Chromium: an unfinished wizard (a member's details) stays with the staff
/// member who started it, signing out leaves nothing in the tab, and no page breaks the Content-Security-Policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SharedTabletTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task UnfinishedWizard_IsNotHandedToTheNextStaffMember_AndSignOutEmptiesTheTab()
    {
        await browser.App.CreateStaffAsync("tablet-a", "Anna Första", Right.Reception, Right.Organisation);
        await browser.App.CreateStaffAsync("tablet-b", "Bo Andra", Right.Reception, Right.Organisation);
        var today = browser.App.Clock.Today;
        var pnr = TestData.NextPersonnummer(new DateOnly(1979, 6, 2));
        int personId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Delad surfplatta", 399);
            var company = await TestData.AddOrganisationAsync(db, "Delade Surfplattan AB", (gym, 299));
            personId = (await TestData.AddPersonAsync(db, "Vera", "Väntar", pnr)).Id;
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today.AddDays(-1), today.AddMonths(1)), "Vera Väntar", pnr);
        }

        var page = await browser.NewTabletPageAsync();
        var violations = WatchForPolicyViolations(page);

        // Anna gets as far as Personuppgifter with an e-mail typed in.
        await page.SignInAsync(browser.BaseAddress, "tablet-a", $"/personer/{personId}/utnyttja");
        await OpenWizardAtContactAsync(page);
        await page.GetByTestId("contact-email").FillAsync("vera.hemlig@example.se");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-choice")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<int>("sessionStorage.length") > 0);

        // Bo signs in on the same tab without Anna signing out: he starts from the beginning, and sees nothing of hers.
        await page.SignInAsync(browser.BaseAddress, "tablet-b", $"/personer/{personId}/utnyttja");
        await Assertions.Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("contact-email")).ToHaveCountAsync(0);
        Assert.DoesNotContain("vera.hemlig@example.se", await page.ContentAsync(), StringComparison.CurrentCulture);
        output.WriteLine("Second staff member on the same tab: wizard starts at step 1, first one's input not shown");

        // Bo signs out: the tab's storage is emptied (Clear-Site-Data), so nothing of either stays on the tablet.
        await page.GetByTestId("who-am-i").Locator("button").First.ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logga-in"));
        Assert.Equal(0, await page.EvaluateAsync<int>("sessionStorage.length"));
        output.WriteLine("After sign-out: sessionStorage.length = 0");

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryMainPage_LoadsAndConnects_WithoutAContentSecurityPolicyViolation()
    {
        await browser.App.CreateStaffAsync("csp-all", "Cecilia Policy", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var page = await browser.NewTabletPageAsync();
        var violations = WatchForPolicyViolations(page);
        await page.SignInAsync(browser.BaseAddress, "csp-all");
        foreach (var path in new[] { "/personer", "/organisationer", "/produkter", "/debitering", "/granskning", "/personal" })
        {
            await page.GotoAsync(browser.BaseAddress + path);
            await page.WaitForInteractiveAsync();
            output.WriteLine($"{path}: interactive, {violations.Count} policy violations so far");
        }

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    private static List<string> WatchForPolicyViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    private static async Task OpenWizardAtContactAsync(IPage page)
    {
        await page.GetByTestId("suggestion").First.ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-email")).ToBeVisibleAsync();
    }
}
