using System.Text;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>
/// The app as a process with a tablet (Chromium) on it, stopped the two ways a server stops: SIGKILL (a crash, a power
/// cut) in the middle of an import's confirm, and SIGTERM (a restart or an upgrade) with a wizard half done.
/// </summary>
public sealed class CrashAndRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Lines = 60_000;
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"brp-crash-{Guid.NewGuid():N}");
    private IPlaywright? playwright;
    private IBrowser browser = default!;

    private string Database => Path.Combine(folder, "brp.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
    }

    public async Task DisposeAsync()
    {
        await browser.CloseAsync();
        playwright?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public async Task StoppedDuringAnImportConfirm_LeavesAllOrNothing_AndStartsAgainOnTheSameFile(string signal)
    {
        var port = AppProcess.FreePort();
        var app = await StartAsync(port);
        var (organisationId, productId) = await ArrangeOrganisationAsync();
        var file = Path.Combine(folder, "anstallda.csv");
        await File.WriteAllTextAsync(file, EmployeeList(Lines), Encoding.UTF8);

        var page = await SignedInTabletAsync(app, $"/organisationer/{organisationId}/forbestallningar/importera");

        // On a loaded machine the page can show before its circuit takes a chosen file, and a circuit can be lost: if
        // the page does not show the file as chosen, load the page again and choose it again.
        for (var attempt = 1; ; attempt++)
        {
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("import-file").Locator("input[type=file]").SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(page.GetByTestId("import-chosen-file")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
                output.WriteLine($"the file was not taken on try {attempt}; loading the page again");
                await page.ReloadAsync();
            }
        }

        try
        {
            await Assertions.Expect(page.GetByTestId("import-count-ok")).ToContainTextAsync(Lines.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 120_000 });
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync($"operations-import-{signal}-no-preview");
            output.WriteLine(await page.InnerTextAsync("body"));
            output.WriteLine(app.Output);
            throw;
        }

        await page.GetByTestId("import-confirm").ClickAsync();
        await Task.Delay(150);
        if (signal == "KILL")
        {
            app.Kill();
        }
        else
        {
            app.Terminate();
        }

        await using var restarted = await RestartAfterAsync(app, page, port);
        await using var db = AppProcess.OpenDatabase(Database);
        var stored = await db.PreOrders.CountAsync(p => p.OrganisationId == organisationId);
        var batches = await db.ImportBatches.CountAsync();
        var audited = await db.AuditEntries.CountAsync(a => a.Action == "preorder.import");
        output.WriteLine($"SIG{signal} 150 ms after confirm: {stored} of {Lines} stored, {batches} import batches, {audited} audit entries");
        Assert.Contains(stored, new[] { 0, Lines });
        Assert.Equal(stored == 0 ? 0 : 1, batches);
        Assert.Equal(batches, audited);
        if (signal == "TERM")
        {
            // A restart lets the running save finish.
            Assert.Equal(Lines, stored);
        }

        Assert.Equal("ok", (await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
        Assert.Equal(productId, (await db.PreOrders.FirstOrDefaultAsync(p => p.OrganisationId == organisationId))?.ProductId ?? productId);
    }

    [Fact]
    public async Task KilledDuringABillingRun_EverySubscriptionIsBilledWholeOrNotAtAll()
    {
        const int subscriptions = 1500;
        var port = AppProcess.FreePort();
        var app = await StartAsync(port);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        await using (var db = AppProcess.OpenDatabase(Database))
        {
            var product = await TestData.AddProductAsync(db, "Gym Debitering", 300);
            var people = Enumerable.Range(0, subscriptions).Select(i => Core.Domain.People.Person.Create(
                new Core.Domain.People.PersonDetails("Bo", $"Betalare{i}", Personnummer.FromParts(new DateOnly(1970, 1, 1).AddDays(i / 900), (i % 900) + 1), default, null, null),
                new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Value).ToList();
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            db.Subscriptions.AddRange(people.Select(person => Core.Domain.Subscriptions.Subscription.Create(new Core.Domain.Subscriptions.SubscriptionStart(
                person.Id, product, product.MonthlyPrice, today.AddMonths(-3), null, null, "seed", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)))));
            await db.SaveChangesAsync();
        }

        var periodsBefore = await PeriodsPerSubscriptionAsync();
        var page = await SignedInTabletAsync(app, "/debitering");
        await Assertions.Expect(page.GetByTestId("billing-confirm")).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await page.GetByTestId("billing-confirm").ClickAsync();
        await Task.Delay(1500);
        app.Kill();
        await using var restarted = await RestartAfterAsync(app, page, port);
        var periodsAfter = await PeriodsPerSubscriptionAsync();
        await using var check = AppProcess.OpenDatabase(Database);
        var audited = (await check.AuditEntries.Where(a => a.Action == "subscription.billing").Select(a => a.EntityId).ToListAsync()).Select(int.Parse!).ToHashSet();
        var billed = periodsAfter.Where(p => p.Value > periodsBefore.GetValueOrDefault(p.Key)).Select(p => p.Key).ToHashSet();
        output.WriteLine($"SIGKILL 1.5 s into a billing run of {subscriptions}: {billed.Count} billed, {audited.Count} audit entries");
        Assert.True(billed.SetEquals(audited), "every billed subscription has its audit entry, and no audit entry lacks its billing");
        var charged = (await check.Charges.Select(c => c.SubscriptionId).Distinct().ToListAsync()).ToHashSet();
        Assert.Subset(billed, charged);
        Assert.Equal("ok", (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
    }

    [Fact]
    public async Task KilledRightAfterSlutför_TheRedeemIsWholeOrNotAtAll()
    {
        var port = AppProcess.FreePort();
        var app = await StartAsync(port);
        int personId;
        int preOrderId;
        await using (var db = AppProcess.OpenDatabase(Database))
        {
            var product = await TestData.AddProductAsync(db, "Gym Krasch Utnyttja", 399);
            var organisation = await TestData.AddOrganisationAsync(db, "Krasch Utnyttja AB", (product, 299));
            var pnr = TestData.NextPersonnummer(new DateOnly(1982, 5, 5));
            personId = (await TestData.AddPersonAsync(db, "Kim", "Krasch", pnr)).Id;
            var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
            preOrderId = (await TestData.AddPreOrderAsync(db, organisation, product, new DateRange(today.AddDays(-1), today.AddMonths(1)), "Kim Krasch", pnr)).Id;
        }

        var page = await SignedInTabletAsync(app, $"/personer/{personId}/utnyttja");
        await WizardAtProductAsync(page, "kim@krasch.se");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("wizard-finish").ClickAsync();
        await Task.Delay(30);
        app.Kill();
        await using var restarted = await RestartAfterAsync(app, page, port);
        await using var check = AppProcess.OpenDatabase(Database);
        var status = (await check.PreOrders.SingleAsync(p => p.Id == preOrderId)).Status;
        var memberships = await check.Subscriptions.CountAsync(s => s.PersonId == personId);
        var audited = await check.AuditEntries.CountAsync(a => a.Action == "preorder.redeem");
        output.WriteLine($"SIGKILL 30 ms after Slutför: pre-order {status}, {memberships} subscriptions, {audited} redeem audit entries");
        Assert.True(
            (status == PreOrderStatus.Redeemed && memberships == 1 && audited >= 1) || (status == PreOrderStatus.Open && memberships == 0 && audited == 0),
            $"pre-order {status} with {memberships} subscriptions and {audited} audit entries");
    }

    [Fact]
    public async Task Restart_TellsTheOpenTablet_AndBringsItBackToTheSameWizardStep()
    {
        var port = AppProcess.FreePort();
        var app = await StartAsync(port);
        int personId;
        await using (var db = AppProcess.OpenDatabase(Database))
        {
            var product = await TestData.AddProductAsync(db, "Gym Omstart", 399);
            var organisation = await TestData.AddOrganisationAsync(db, "Omstart AB", (product, 299));
            var pnr = TestData.NextPersonnummer(new DateOnly(1981, 4, 4));
            personId = (await TestData.AddPersonAsync(db, "Rolf", "Omstart", pnr)).Id;
            var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
            await TestData.AddPreOrderAsync(db, organisation, product, new DateRange(today.AddDays(-1), today.AddMonths(1)), "Rolf Omstart", pnr);
        }

        var page = await SignedInTabletAsync(app, $"/personer/{personId}/utnyttja");
        await WizardAtProductAsync(page, "rolf@omstart.se");

        app.Terminate();
        await Assertions.Expect(page.GetByTestId("server-restarting")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync("operations-restart-notice");
        await app.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"SIGTERM: the tablet was told, the app exited with {app.ExitCode}");
        await app.DisposeAsync();

        await using var restarted = AppProcess.Start(Settings(), port, "Development");
        await restarted.WaitUntilReadyAsync();

        // The tablet reconnects by itself, reloads the same page, and the wizard is back at Produkt with the e-mail kept.
        await Assertions.Expect(page.GetByTestId("product-choice")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("server-restarting")).ToHaveCountAsync(0);
        await page.GetByTestId("wizard-back").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-email")).ToHaveValueAsync("rolf@omstart.se");
        output.WriteLine("After the restart: same page, wizard at Produkt, e-mail kept");
        await page.Context.CloseAsync();
    }

    private async Task<Dictionary<int, int>> PeriodsPerSubscriptionAsync()
    {
        await using var db = AppProcess.OpenDatabase(Database);
        return await db.BilledPeriods.GroupBy(p => p.SubscriptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>Waits for the stopped app, closes the tablet, and starts the app again on the same file and port.</summary>
    private async Task<AppProcess> RestartAfterAsync(AppProcess app, IPage page, int port)
    {
        await app.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await page.Context.CloseAsync();
        await app.DisposeAsync();
        var restarted = AppProcess.Start(Settings(), port, "Development");
        await restarted.WaitUntilReadyAsync();
        return restarted;
    }

    /// <summary>The wizard from its first step to Produkt: the suggestion, ID checked, an e-mail.</summary>
    private static async Task WizardAtProductAsync(IPage page, string email)
    {
        await page.GetByTestId("suggestion").First.ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("contact-email").FillAsync(email);
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-choice")).ToHaveCountAsync(1);
    }

    private async Task<AppProcess> StartAsync(int port)
    {
        var app = AppProcess.Start(Settings(), port, "Development");
        await app.WaitUntilReadyAsync();
        return app;
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ConnectionStrings:Brp"] = $"Data Source={Database}",
        ["Brp:TempFolder"] = Path.Combine(folder, "tmp"),
        ["Brp:ShutdownSeconds"] = "20",
        ["Brp:SignInAttemptsPerMinute"] = "1000",
    };

    private async Task<(int OrganisationId, int ProductId)> ArrangeOrganisationAsync()
    {
        await using var db = AppProcess.OpenDatabase(Database);
        var product = await TestData.AddProductAsync(db, "Gym Krasch", 399);
        var organisation = await TestData.AddOrganisationAsync(db, "Krasch AB", (product, 299));
        return (organisation.Id, product.Id);
    }

    /// <summary>The first administrator through /forsta-start, then signed in at <paramref name="path"/> in a tablet.</summary>
    private async Task<IPage> SignedInTabletAsync(AppProcess app, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 768, Height = 1024 }, HasTouch = true, Locale = "sv-SE" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseAddress}/forsta-start");
        await page.GetByTestId("displayname").FillAsync("Ada Drift");
        await page.GetByTestId("username").FillAsync("drift");
        await page.GetByTestId("password").FillAsync(AppFactory.Password);
        await page.GetByTestId("create-admin").ClickAsync();
        await page.SignInAsync(app.BaseAddress, "drift", path);
        return page;
    }

    private static string EmployeeList(int lines)
    {
        var text = new StringBuilder("Namn;Personnummer;E-post\n");
        for (var i = 0; i < lines; i++)
        {
            var pnr = Personnummer.FromParts(new DateOnly(1960, 1, 1).AddDays(i / 900), (i % 900) + 1);
            text.Append("Anna Andersson;").Append(pnr.Formatted).Append(";\n");
        }

        return text.ToString();
    }
}
