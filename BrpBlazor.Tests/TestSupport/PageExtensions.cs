using Microsoft.Playwright;

namespace BrpBlazor.Tests.TestSupport;

public static class PageExtensions
{
    /// <summary>Signs in through the real sign-in form and waits for the interactive page.</summary>
    public static async Task SignInAsync(this IPage page, string baseAddress, string userName, string returnUrl = "/personer")
    {
        await page.GotoAsync($"{baseAddress}/logga-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByTestId("username").FillAsync(userName);
        await page.GetByTestId("password").FillAsync(AppFactory.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        try
        {
            await page.WaitForInteractiveAsync();
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync("sign-in-failed");
            File.WriteAllText(Path.Combine(BrowserFixture.ArtifactsFolder, "sign-in-failed.html"), await page.ContentAsync());
            throw;
        }
    }

    /// <summary>Waits until the Blazor circuit is connected, so clicks are handled.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Saves a png in the artifacts. The whole page by default; <paramref name="fullPage"/> false keeps to the screen,
    /// which is what shows an open dialog as staff see it (a full-page shot stretches the fixed overlay).
    /// </summary>
    public static async Task<string> ScreenshotAsync(this IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsFolder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}
