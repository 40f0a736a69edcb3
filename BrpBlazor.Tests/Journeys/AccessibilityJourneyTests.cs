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
        int personId, organisationId, productId, newcomerId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Axe 12 mån", 399);
            var company = await TestData.AddOrganisationAsync(db, "Axelbolaget AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Axel", "Axelsson", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), "Axel Axelsson", person.Personnummer);
            var newcomer = await TestData.AddPersonAsync(db, "Nova", "Axelsson", TestData.NextPersonnummer());
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), "Nova Axelsson", newcomer.Personnummer);
            await db.SaveChangesAsync();
            (personId, organisationId, productId, newcomerId) = (person.Id, company.Id, gym.Id, newcomer.Id);
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

        // The dialogs, open and filled in: Frys on the person page, the user menu, Skapa förbeställning.
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
