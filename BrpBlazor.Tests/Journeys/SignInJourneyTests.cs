using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

[Collection(BrowserCollection.Name)]
public class SignInJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_SeeYourName_SignOut()
    {
        await browser.App.CreateStaffAsync("sanna", "Sanna Svensson", Right.Reception, Right.Organisation);
        var page = await browser.NewTabletPageAsync();

        await page.GotoAsync($"{browser.BaseAddress}/personer");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logga-in\\?ReturnUrl=%2Fpersoner"));
        await page.GetByTestId("username").FillAsync("sanna");
        await page.GetByTestId("password").FillAsync(AppFactory.Password);
        await page.ScreenshotAsync("sign-in");
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByTestId("who-am-i").Locator("button").First).ToContainTextAsync("Sanna Svensson");
        await page.GetByTestId("who-am-i").Locator("button").First.ClickAsync();
        await page.ScreenshotAsync("who-am-i-menu");
        await page.GetByTestId("sign-out").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logga-in"));
        await page.GotoAsync($"{browser.BaseAddress}/personer");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logga-in"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_SaysSoInSwedish()
    {
        await browser.App.CreateStaffAsync("tore", "Tore", Right.Reception);
        var page = await browser.NewTabletPageAsync();
        await page.GotoAsync($"{browser.BaseAddress}/logga-in");
        await page.GetByTestId("username").FillAsync("tore");
        await page.GetByTestId("password").FillAsync("fel-losenord-123");
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync(App.Components.Pages.Account.SignInPage.FailedMessage);
        await page.Context.CloseAsync();
    }
}
