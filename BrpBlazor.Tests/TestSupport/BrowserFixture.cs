using Microsoft.Playwright;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// One app and one Debian Chromium for all browser journeys (cheaper on 2 cores). Chromium is never
/// downloaded: it is /usr/bin/chromium, installed by the test script when missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public AppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseAddress => App.BaseAddress;

    public static string ArtifactsFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        // A state the page reaches is waited for as long as an action is (15 s), not Playwright's 5 s: on a loaded
        // 2-core machine a reconnecting circuit or a PostgreSQL round trip can take longer than 5 s, never 15.
        Assertions.SetDefaultExpectTimeout(15000);
        App.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(LaunchOptions());
    }

    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    };

    /// <summary>A fresh browser context at tablet size (768×1024, touch), so each journey has its own cookies.</summary>
    public Task<IPage> NewTabletPageAsync() => NewPageAsync(768, 1024);

    /// <summary>A fresh touch browser context at any size: 390×844 is the phone staff pick up when the tablet is taken.</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = true,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
        });
        context.SetDefaultTimeout(15000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // Close the browser before stopping the server, or shutdown waits for the circuits.
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();

        // Warnings and errors the app logged during the journeys, for whoever reads the artifacts after a run.
        File.WriteAllLines(
            Path.Combine(ArtifactsFolder, "journeys-app-warnings.log"),
            App.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)));
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
