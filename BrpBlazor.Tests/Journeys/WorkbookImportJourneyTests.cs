using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;
using static BrpBlazor.Tests.TestSupport.TestWorkbook;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// A supervisor imports a company's Excel workbook through the page at tablet size (issue 18): two sheets, headings in
/// their own order and words, an extra column, a personnummer that lost its leading zero; accepts the reading, confirms.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbookImportJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task ImportWorkbook_LostLeadingZeroAccepted_ThenConfirmStoresEveryLine()
    {
        var user = $"kundansvarig-{Guid.NewGuid():N}"[..24];
        await browser.App.CreateStaffAsync(user, "Kim Kundansvarig", Right.Organisation);
        int organisationId;
        await using (var db = browser.App.NewContext())
        {
            var product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
            organisationId = (await TestData.AddOrganisationAsync(db, $"Journey {Guid.NewGuid():N}"[..16], (product, 299))).Id;
        }

        var workbook = new TestWorkbook()
            .Sheet(
                "Personal",
                Row("Efternamn", "Förnamn", "Pnr", "Mail", "Avdelning"),
                Row("Öberg", "Åsa", "19850314-2344", "asa@foretaget.se", "Ekonomi"),
                Row("Hägg", "Lisa", 304301286L, "lisa@foretaget.se", "IT"),
                Row("Ekdahl", "Sara", new DateOnly(1995, 8, 21), "sara@foretaget.se", "Lager"))
            .Sheet("Anteckningar", Row("Skickad till gymmet 2026-03-01"));

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, user, $"/organisationer/{organisationId}/forbestallningar/importera");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("import-choose-file")).ToBeEnabledAsync();

        await page.GetByTestId("import-file").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "Personal mars.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook.ToBytes(),
        });

        await Assertions.Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-count-ok")).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("import-count-error")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("import-file-kind")).ToContainTextAsync("Excel-arbetsbok (.xlsx), bladet Personal");
        await Assertions.Expect(page.GetByTestId("import-ignored-columns")).ToContainTextAsync("Avdelning");
        await Assertions.Expect(page.GetByTestId("import-sheet")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-line-reason").First).ToContainTextAsync("Troligen 20030430-••••");
        await Assertions.Expect(page.GetByTestId("import-suggestions")).ToContainTextAsync("tappat nollan först");
        await Assertions.Expect(page.GetByTestId("import-lines")).Not.ToContainTextAsync("20030430-1286");
        await page.ScreenshotAsync("preorders-import-workbook-preview");

        // The whole probable number only in the line's own details, with the button that accepts it.
        await page.GetByTestId("import-line-number").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-line-accept")).ToHaveTextAsync("Godkänn 20030430-1286");

        await page.GetByTestId("import-accept-all").ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-count-ok")).ToContainTextAsync("3");
        await Assertions.Expect(page.GetByTestId("import-count-error")).ToContainTextAsync("0");
        await Assertions.Expect(page.GetByTestId("import-suggestions")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("preorders-import-workbook-accepted");

        await page.GetByTestId("import-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-message")).ToContainTextAsync("3 förbeställningar sparades från Personal mars.xlsx");
        await using (var db = browser.App.NewContext())
        {
            var lisa = db.PreOrders.Single(p => p.OrganisationId == organisationId && p.Name == "Lisa Hägg");
            Assert.Equal("200304301286", lisa.Personnummer!.Value.Value);
        }
    }
}
