using System.Globalization;
using System.Text.RegularExpressions;
using BrpBlazor.App;
using BrpBlazor.Benchmarks.Harness;
using Microsoft.Playwright;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>One tablet: a browser context signed in on a member's page with the Frys dialog open.</summary>
internal sealed partial class Tablet(IPage page, DateOnly initialEnd, DateOnly initialBound)
{
    /// <summary>Arms a watcher: from the next change event until the preview's binding date shows <c>expected</c>.</summary>
    private const string ArmRoundTrip = """
        (expected) => {
          window.__brpRoundTrip = new Promise((resolve, reject) => {
            let changed = 0;
            document.addEventListener('change', () => { changed = performance.now(); }, { capture: true, once: true });
            const shows = () => {
              const cell = document.querySelector('[data-testid="preview-bound-until-after"]');
              return cell !== null && cell.textContent.includes(expected);
            };
            const observer = new MutationObserver(() => {
              if (changed > 0 && shows()) {
                observer.disconnect();
                clearTimeout(timer);
                resolve(performance.now() - changed);
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            const timer = setTimeout(() => { observer.disconnect(); reject(new Error('The preview never showed ' + expected)); }, 30000);
          });
        }
        """;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    /// <summary>Watches for the open dialog saying another tablet changed its subscription; resolves to the epoch time in ms.</summary>
    private const string ArmChangeNotice = """
        () => {
          window.__brpNotice = new Promise((resolve, reject) => {
            const seen = () => document.querySelector('[data-testid="dialog-change-notice"]') !== null;
            const observer = new MutationObserver(() => {
              if (seen()) {
                observer.disconnect();
                clearTimeout(timer);
                resolve(performance.timeOrigin + performance.now());
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            const timer = setTimeout(() => { observer.disconnect(); reject(new Error('No change notice')); }, 30000);
          });
        }
        """;

    /// <summary>Records the epoch times in ms of the next click on the page and of the dialog's confirm button going away (saved).</summary>
    private const string ArmConfirmClick = """
        () => {
          const now = () => performance.timeOrigin + performance.now();
          window.__brpConfirmed = new Promise(resolve => {
            document.addEventListener('click', () => resolve(now()), { capture: true, once: true });
          });
          window.__brpSaved = new Promise((resolve, reject) => {
            const observer = new MutationObserver(() => {
              if (document.querySelector('[data-testid="dialog-confirm"]') === null) {
                observer.disconnect();
                clearTimeout(timer);
                resolve(now());
              }
            });
            observer.observe(document.body, { subtree: true, childList: true });
            const timer = setTimeout(() => { observer.disconnect(); reject(new Error('The dialog never closed')); }, 30000);
          });
        }
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private int events;

    /// <summary>Debian's Chromium, headless, as the journeys start it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = CircuitsBenchmark.ChromiumPath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    });

    /// <summary>The end date now in the dialog's field.</summary>
    public Task<string> EndDateAsync() => page.Locator("input[data-testid=freeze-end]").InputValueAsync();

    /// <summary>Whether the tablet shows the idle pause (its circuit paused, decision 135).</summary>
    public Task<bool> IsPausedAsync() => page.Locator("#components-reconnect-modal.components-reconnect-paused").IsVisibleAsync();

    /// <summary>
    /// The next touch after an idle pause: taps the screen and waits until the circuit is back and the Frys dialog is
    /// open again with <paramref name="endDate"/> in its field. Returns the milliseconds from the tap.
    /// </summary>
    public async Task<double> TapToResumeAsync(string endDate)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await page.Touchscreen.TapAsync(380, 1000);
        await page.Locator("#components-reconnect-modal.components-reconnect-paused").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await page.WaitForFunctionAsync(
            "(value) => document.querySelector('input[data-testid=freeze-end]')?.value === value",
            endDate,
            new PageWaitForFunctionOptions { PollingInterval = 5 });
        return Stats.MillisecondsSince(started);
    }

    /// <summary>Starts watching for another tablet's change to show in this tablet's open dialog.</summary>
    public Task ArmChangeNoticeAsync() => page.EvaluateAsync(ArmChangeNotice);

    /// <summary>When this tablet's dialog said another tablet changed the subscription (epoch ms).</summary>
    public Task<double> ChangeNoticeShownAsync() => page.EvaluateAsync<double>("() => window.__brpNotice");

    /// <summary>Confirms the open dialog; returns when the confirm was clicked and when the dialog closed, saved (epoch ms).</summary>
    public async Task<(double Clicked, double Saved)> ConfirmAsync()
    {
        await page.EvaluateAsync(ArmConfirmClick);
        await page.GetByTestId("dialog-confirm").ClickAsync();
        var saved = await page.EvaluateAsync<double>("() => window.__brpSaved");
        return (await page.EvaluateAsync<double>("() => window.__brpConfirmed"), saved);
    }

    public static async Task<Tablet> OpenAsync(IBrowser browser, string address, int index, int personId)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 768, Height = 1024 },
            HasTouch = true,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{address}{AppRoutes.SignIn}?ReturnUrl={Uri.EscapeDataString(AppRoutes.Person(personId))}");
        await page.GetByTestId("username").FillAsync(CircuitServer.UserName(index));
        await page.GetByTestId("password").FillAsync(CircuitServer.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        // On a busy machine the first tap can land while the page is still wiring itself up: tap again if the menu stays shut.
        var freeze = page.GetByTestId("subscription-action-freeze");
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
            try
            {
                await freeze.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"brp-circuits-tablet-{index}.png"), FullPage = true });
                throw;
            }
        }

        await freeze.ClickAsync();
        var bound = page.GetByTestId("preview-bound-until-after");
        await bound.WaitForAsync();
        var end = await page.Locator("input[data-testid=freeze-end]").InputValueAsync();
        return new Tablet(page, DateOnly.ParseExact(end, "yyyy-MM-dd", Invariant), DateOnly.ParseExact(IsoDate().Match(await bound.InnerTextAsync()).Value, "yyyy-MM-dd", Invariant));
    }

    /// <summary>Moves the end date one to nine days past the default (a different one each time) and waits for the preview.</summary>
    public async Task<(double InBrowser, double ByDriver)> RoundTripAsync()
    {
        var days = (events++ % 9) + 1;
        var expected = initialBound.AddDays(days).ToString("yyyy-MM-dd", Invariant);
        await page.EvaluateAsync(ArmRoundTrip, expected);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var end = page.Locator("input[data-testid=freeze-end]");
        await end.FillAsync(initialEnd.AddDays(days).ToString("yyyy-MM-dd", Invariant));
        await end.PressAsync("Tab");
        var inBrowser = await page.EvaluateAsync<double>("() => window.__brpRoundTrip");
        return (inBrowser, Stats.MillisecondsSince(started));
    }

    public async Task CloseDialogAsync()
    {
        await page.GetByTestId("dialog-cancel").ClickAsync();
        await page.GetByTestId("preview-bound-until-after").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }
}
