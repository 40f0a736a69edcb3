using BrpBlazor.App.Infrastructure.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>The app in demo mode (its own sandbox folder, the real demo clock) and a Chromium, shared by the demo tests.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public DemoFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"brp-demo-{Guid.NewGuid():N}");
        App = new AppFactory(
            settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Folder"] = Folder },
            useTestClock: false);
    }

    public string Folder { get; }

    public AppFactory App { get; }

    public IBrowser Browser { get; private set; } = default!;

    public DemoSandboxes Sandboxes => App.Services.GetRequiredService<DemoSandboxes>();

    public async Task InitializeAsync()
    {
        App.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "Demo";
}
