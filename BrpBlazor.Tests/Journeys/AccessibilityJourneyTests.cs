using System.Text;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// axe-core (WCAG 2.1 A and AA rules) on every page and on the dialogs staff use most, in real Chromium at tablet
/// size: no serious or critical violation. Every violation found, moderate ones too, is written to
/// artifacts/axe-report.txt.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityJourneyTests(BrowserFixture browser)
{
    private static readonly AxeRunOptions WcagAandAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task EveryPageAndDialog_Axe_HasNoSeriousOrCriticalViolations()
    {
        await browser.App.CreateStaffAsync("axe", "Axel Axe", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var today = browser.App.Clock.Today;
        int personId, organisationId, productId, newcomerId, frozenId, comingId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Axe 12 mån", 399);
            await TestData.AddProductAsync(db, "Gym Axe Flex", 499);
            var company = await TestData.AddOrganisationAsync(db, "Axelbolaget AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Axel", "Axelsson", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), "Axel Axelsson", person.Personnummer);
            var newcomer = await TestData.AddPersonAsync(db, "Nova", "Axelsson", TestData.NextPersonnummer());
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), "Nova Axelsson", newcomer.Personnummer);
            // One freeze begun today (Förkorta, Förlänga: a freeze may not start in the past), one to come (Ta bort frysning).
            var frozen = await TestData.AddPersonAsync(db, "Frej", "Axelsson", TestData.NextPersonnummer());
            var coming = await TestData.AddPersonAsync(db, "Kim", "Axelsson", TestData.NextPersonnummer());
            foreach (var (owner, from) in new[] { (frozen, today), (coming, today.AddDays(30)) })
            {
                var withFreeze = Subscription.Create(new SubscriptionStart(owner.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
                withFreeze.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
                Assert.True(withFreeze.Freeze(new FreezeRequest(from, from.AddDays(25), null), new OperationContext(today, gym), "test", browser.App.Clock.UtcNow).IsSuccess);
                db.Subscriptions.Add(withFreeze);
            }

            await db.SaveChangesAsync();
            (personId, organisationId, productId, newcomerId, frozenId, comingId) = (person.Id, company.Id, gym.Id, newcomer.Id, frozen.Id, coming.Id);
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "axe");
        var report = new StringBuilder();
        var blocking = new List<string>();
        foreach (var path in new[]
        {
            "/personer?q=axelsson", $"/personer/{personId}", $"/personer/{personId}/redigera", "/personer/ny", $"/personer/{personId}/utnyttja",
            "/organisationskund/ny", "/organisationer?q=axel", $"/organisationer/{organisationId}", $"/organisationer/{organisationId}/redigera",
            $"/organisationer/{organisationId}/forbestallningar", $"/organisationer/{organisationId}/forbestallningar/importera",
            "/produkter", $"/produkter/{productId}", "/produkter/ny", "/debitering", "/granskning", "/personal",
        })
        {
            await page.GotoAsync(browser.BaseAddress + path);
            await page.WaitForInteractiveAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await ScanAsync(page, path, report, blocking);
        }

        // The dialogs, open and filled in: Frys, Säg upp, Uppgradera, Ta bort frysning, Förkorta, Förlänga, the import preview, a pre-order's details.
        await page.GotoAsync($"{browser.BaseAddress}/personer/{personId}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();
        await page.GetByTestId("freeze-dialog").WaitForAsync();
        await page.GetByTestId("dialog-confirm").WaitForAsync();
        await ScanAsync(page, "Frys dialog", report, blocking);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("freeze-dialog")).ToHaveCountAsync(0);

        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-cancel").ClickAsync();
        await page.GetByTestId("cancel-reason").FillAsync("Flyttar");
        await page.GetByTestId("cancel-dialog").WaitForAsync();
        await ScanAsync(page, "Säg upp dialog", report, blocking);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("cancel-dialog")).ToHaveCountAsync(0);

        await ScanSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{personId}", "upgrade", "upgrade-dialog", "Uppgradera dialog", report, blocking);
        await ScanSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{comingId}", "remove-freeze", "remove-freeze-dialog", "Ta bort frysning dialog", report, blocking);
        await ScanSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{frozenId}", "shorten-freeze", "change-freeze-end-dialog", "Förkorta dialog", report, blocking);
        await ScanSubscriptionDialogAsync(page, $"{browser.BaseAddress}/personer/{frozenId}", "extend-freeze", "change-freeze-end-dialog", "Förlänga dialog", report, blocking);

        // The import preview, with an ok line, a line in error and the counts.
        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{organisationId}/forbestallningar/importera");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("import-file").Locator("input[type=file]").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "csv", "journey-one-bad-line.csv"));
        await Assertions.Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
        await ScanAsync(page, "Import preview", report, blocking);

        await page.GotoAsync($"{browser.BaseAddress}/organisationer/{organisationId}/forbestallningar");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("preorder-row-name").First.ClickAsync();
        await page.GetByTestId("preorder-details-dialog").WaitForAsync();
        await ScanAsync(page, "Förbeställning details dialog", report, blocking);

        // The redeem wizard, step by step, filled in as staff would.
        await page.GotoAsync($"{browser.BaseAddress}/personer/{newcomerId}/utnyttja");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("suggestion").First.ClickAsync();
        await ScanAsync(page, "Wizard Sök organisation", report, blocking);
        // The search over all organisations: its results are buttons, named by the organisation, in a named list
        // (a screen reader says "Sökträffar, lista … knapp, Axelbolaget AB"), not unnamed options.
        await page.GetByTestId("organisation-search").FillAsync("Axelbolaget");
        await page.GetByTestId("organisation-result").First.WaitForAsync();
        await ScanAsync(page, "Wizard Sök organisation, sökträffar", report, blocking);
        var results = page.GetByRole(AriaRole.List, new() { Name = "Sökträffar", Exact = true });
        if (await page.GetByRole(AriaRole.Option).CountAsync() > 0 || await results.GetByRole(AriaRole.Button, new() { Name = "Axelbolaget AB" }).CountAsync() != 1)
        {
            blocking.Add("Wizard Sök organisation, sökträffar: the results are not buttons named by the organisation in a list named Sökträffar");
        }
        else
        {
            await Assertions.Expect(results.GetByRole(AriaRole.Button, new() { Name = "Axelbolaget AB" })).ToHaveAttributeAsync("aria-pressed", "false");
        }

        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("identity-checked").ClickAsync();
        await Assertions.Expect(page.GetByTestId("wizard-next")).ToBeEnabledAsync();
        await ScanAsync(page, "Wizard Legitimering", report, blocking);
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("contact-email").FillAsync("nova@axelbolaget.se");
        await ScanAsync(page, "Wizard Personuppgifter", report, blocking);
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("product-choice").WaitForAsync();
        await ScanAsync(page, "Wizard Produkt", report, blocking);
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("confirm-summary").WaitForAsync();
        await ScanAsync(page, "Wizard Bekräfta", report, blocking);

        await page.Context.CloseAsync();
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsFolder, "axe-report.txt"), report.ToString());
        Assert.True(blocking.Count == 0, string.Join("\n", blocking));
    }

    /// <summary>Opens the subscription menu's <paramref name="action"/> on the person page, scans the dialog as it opens (with its proposed values), closes it.</summary>
    private static async Task ScanSubscriptionDialogAsync(IPage page, string personPage, string action, string dialogTestId, string where, StringBuilder report, List<string> blocking)
    {
        await page.GotoAsync(personPage);
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId($"subscription-action-{action}").ClickAsync();
        await page.GetByTestId(dialogTestId).WaitForAsync();
        await page.GetByTestId("operation-preview").WaitForAsync();
        await ScanAsync(page, where, report, blocking);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId(dialogTestId)).ToHaveCountAsync(0);
    }

    private static async Task ScanAsync(IPage page, string where, StringBuilder report, List<string> blocking)
    {
        // Colours are measured once transitions (a button turning enabled, a dialog fading in) have finished.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var result = await page.RunAxe(WcagAandAA);
        foreach (var violation in result.Violations)
        {
            var nodes = string.Join(" | ", violation.Nodes.Take(3).Select(n => string.Join(" ", n.Target?.ToString() ?? string.Empty)));
            var line = $"{where}: [{violation.Impact}] {violation.Id} – {violation.Help} ({violation.Nodes.Length}) {nodes}";
            report.AppendLine(line);
            if (violation.Impact is "serious" or "critical")
            {
                blocking.Add(line);
            }
        }
    }
}
