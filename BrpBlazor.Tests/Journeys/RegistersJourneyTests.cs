using System.Text.RegularExpressions;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

[Collection(BrowserCollection.Name)]
public class RegistersJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Supervisor_SetsUpProductOrganisationAndPerson_AndFindsEachThroughSearch()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var productName = $"Gym Resa {suffix}";
        var organisationName = $"Resebolaget {suffix} AB";
        var userName = $"stina-{suffix}";
        var staffId = await browser.App.CreateStaffAsync(userName, "Stina Supervisor", Right.Reception, Right.Supervisor);
        var page = await browser.NewTabletPageAsync();
        await WithDiagnosticsAsync(page, "registers-journey", async () =>
        {
            await page.SignInAsync(browser.BaseAddress, userName, "/produkter/ny");

            // Product
            await page.GetByTestId("product-name").FillAsync(productName);
            await FillNumberAsync(page, "product-price", "459");
            await FillNumberAsync(page, "product-binding", "12");
            await page.GetByText("Får användas vid förbeställning").ClickAsync();
            await page.GetByText("Får frysas").ClickAsync();
            await FillNumberAsync(page, "product-freeze-fee", "100");
            await page.ScreenshotAsync("registers-product-form");
            await page.GetByTestId("product-save").ClickAsync();
            await ExpectUrlAsync(page, new Regex(@"/produkter/\d+$"));
            await Assertions.Expect(page.GetByTestId("product-title")).ToHaveTextAsync(productName);
            await Assertions.Expect(page.GetByTestId("product-usage")).ToContainTextAsync("används inte");
            await page.ScreenshotAsync("registers-product-edit");

            await page.GotoAsync($"{browser.BaseAddress}/produkter");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("product-search-input").FillAsync($"resa {suffix}");
            await Assertions.Expect(page.GetByTestId("product-hit")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("product-hit")).ToContainTextAsync("förbeställningsbar");
            await page.ScreenshotAsync("registers-product-list");

            // Organisation with the product on its price list
            var number = TestData.NextOrganisationsnummer();
            await page.GotoAsync($"{browser.BaseAddress}/organisationer/ny");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("organisation-name-input").FillAsync(organisationName);
            await page.GetByTestId("organisation-number-input").FillAsync(number.Value[..9] + "0");
            await page.GetByTestId("organisation-number-input").BlurAsync();
            await Assertions.Expect(page.GetByTestId("organisation-number-field"))
                .ToContainTextAsync(number.Value[9] == '0' ? "NNNNNN-NNNN" : "Kontrollsiffran stämmer inte");
            await page.GetByTestId("organisation-number-input").FillAsync(number.Formatted);
            await ChooseAsync(page, "organisation-manager", "Stina Supervisor");
            await page.GetByText("Använd förbeställningar").ClickAsync();
            await ChooseAsync(page, "price-list-product", productName);
            await Assertions.Expect(page.GetByTestId("price-list-price")).ToHaveValueAsync("459");
            // Enter in the price adds the line; it does not save the organisation without it.
            await page.GetByTestId("price-list-price").FillAsync("399");
            await page.GetByTestId("price-list-price").PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("price-line")).ToContainTextAsync("förbeställningsbar");
            await Assertions.Expect(page.GetByTestId("price-line-price")).ToHaveValueAsync("399");
            await ExpectUrlAsync(page, new Regex("/organisationer/ny$"));
            await page.ScreenshotAsync("registers-organisation-form");
            await page.GetByTestId("organisation-save").ClickAsync();
            await ExpectUrlAsync(page, new Regex(@"/organisationer/\d+$"));
            await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync(organisationName);
            await Assertions.Expect(page.GetByTestId("price-list-line")).ToContainTextAsync(productName);
            await Assertions.Expect(page.GetByTestId("price-list-line")).ToContainTextAsync("399 kr");

            await page.GotoAsync($"{browser.BaseAddress}/organisationer");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("organisation-search-input").FillAsync(organisationName.ToLowerInvariant());
            await page.GetByTestId("organisation-search-button").ClickAsync();
            // Other journeys share this app: pick the hit by name, and wait for the search to replace the full list.
            await Assertions.Expect(page.GetByTestId("organisation-hit")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("organisation-hit").Filter(new() { HasText = organisationName })).ToContainTextAsync(number.Formatted);

            // Person: a search finds nobody, Ny person is pre-filled with the personnummer
            var pnr = TestData.NextPersonnummer(new DateOnly(1991, 4, 12));
            await page.GotoAsync($"{browser.BaseAddress}/personer");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("person-search-input").FillAsync(pnr.Formatted);
            await page.GetByTestId("person-search-button").ClickAsync();
            await Assertions.Expect(page.GetByTestId("no-hits-new-person")).ToBeVisibleAsync();
            await page.ScreenshotAsync("registers-person-no-hits");
            await page.GetByTestId("no-hits-new-person").ClickAsync();
            await ExpectUrlAsync(page, new Regex("/personer/ny"));
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByTestId("person-personnummer-input")).ToHaveValueAsync(pnr.Formatted);
            Assert.DoesNotContain(pnr.TenDigits[6..], page.Url, StringComparison.CurrentCulture);
            await page.GetByTestId("person-first-name").FillAsync("Resa");
            await page.GetByTestId("person-last-name").FillAsync($"Resenär{suffix}");
            await page.GetByTestId("person-email").FillAsync($"resa.{suffix}@exempel.se");
            await page.GetByTestId("person-phone").FillAsync("070-123 45 67");
            await page.ScreenshotAsync("registers-person-form");
            await page.GetByTestId("person-save").ClickAsync();
            await ExpectUrlAsync(page, new Regex(@"/personer/\d+$"));
            await Assertions.Expect(page.GetByTestId("person-name")).ToHaveTextAsync($"Resa Resenär{suffix}");
            await page.GetByTestId("person-menu").ClickAsync();
            await page.GetByTestId("menu-edit-person").ClickAsync();
            await ExpectUrlAsync(page, new Regex(@"/personer/\d+/redigera$"));
            await Assertions.Expect(page.GetByTestId("person-personnummer-input")).ToHaveValueAsync(pnr.Formatted);
            await page.GetByTestId("person-phone").FillAsync("08-123 45 67");
            await page.ScreenshotAsync("registers-person-edit");
            await page.GetByTestId("person-save").ClickAsync();
            await ExpectUrlAsync(page, new Regex(@"/personer/\d+$"));
            await Assertions.Expect(page.GetByTestId("person-details")).ToContainTextAsync("08-123 45 67");

            await page.GotoAsync($"{browser.BaseAddress}/personer");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("person-search-input").FillAsync($"resenär{suffix}");
            await page.GetByTestId("person-search-button").ClickAsync();
            await Assertions.Expect(page.GetByTestId("person-hit")).ToContainTextAsync(pnr.Masked);

            await using (var db = browser.App.NewContext())
            {
                Assert.Equal(
                    ["product.create", "organisation.create", "person.create", "person.update"],
                    await db.AuditEntries.Where(a => a.ActorId == staffId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
            }

            // Typed, searched, pre-filled and saved: the whole personnummer never reaches a log line.
            Assert.DoesNotContain(browser.App.Logs.Lines, line => line.Contains(pnr.TenDigits, StringComparison.Ordinal) || line.Contains(pnr.Formatted, StringComparison.Ordinal));
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reception_DuplicatePersonnummer_IsRefusedWithALinkToThePerson()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var userName = $"rita-{suffix}";
        await browser.App.CreateStaffAsync(userName, "Rita Reception", Right.Reception);
        var pnr = TestData.NextPersonnummer(new DateOnly(1968, 9, 30));
        int existingId;
        await using (var db = browser.App.NewContext())
        {
            existingId = (await TestData.AddPersonAsync(db, "Olle", $"Åkesson{suffix}", pnr)).Id;
        }

        var page = await browser.NewTabletPageAsync();
        await WithDiagnosticsAsync(page, "registers-duplicate", async () =>
        {
            await page.SignInAsync(browser.BaseAddress, userName, "/personer/ny");
            await page.GetByTestId("person-first-name").FillAsync("Olle");
            await page.GetByTestId("person-last-name").FillAsync("Åkesson");
            await page.GetByTestId("person-personnummer-input").FillAsync(pnr.TenDigits[..6] + "-" + pnr.TenDigits[6..]);
            await page.GetByTestId("person-save").ClickAsync();

            await Assertions.Expect(page.GetByTestId("duplicate-person")).ToContainTextAsync($"Olle Åkesson{suffix}");
            await page.ScreenshotAsync("registers-person-duplicate");
            await page.GetByTestId("duplicate-person-link").ClickAsync();
            await ExpectUrlAsync(page, new Regex($"/personer/{existingId}$"));

            // Reception holds no register right: the server turns her away from the product and organisation forms.
            await page.GotoAsync($"{browser.BaseAddress}/produkter/ny");
            await ExpectUrlAsync(page, new Regex("/ingen-behorighet"));
            await Assertions.Expect(page.GetByTestId("product-form")).ToHaveCountAsync(0);
            await page.GotoAsync($"{browser.BaseAddress}/organisationer/ny");
            await ExpectUrlAsync(page, new Regex("/ingen-behorighet"));
            await Assertions.Expect(page.GetByTestId("organisation-form")).ToHaveCountAsync(0);
        });
        await page.Context.CloseAsync();
    }

    /// <summary>On failure: a screenshot and the app's warnings and errors, next to the other artifacts.</summary>
    private async Task WithDiagnosticsAsync(IPage page, string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            await page.ScreenshotAsync($"{name}-failed");
            await File.WriteAllLinesAsync(
                Path.Combine(BrowserFixture.ArtifactsFolder, $"{name}-failed.log"),
                browser.App.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)));
            throw;
        }
    }

    /// <summary>
    /// Polls the address after a save or a link: Blazor moves within the document, and a save on a busy
    /// 2-core machine (the first one also compiles its queries) can take longer than the default wait.
    /// </summary>
    private static async Task ExpectUrlAsync(IPage page, Regex url) =>
        await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 30_000 });

    /// <summary>A MudNumericField takes its value when focus leaves it.</summary>
    private static async Task FillNumberAsync(IPage page, string testId, string value)
    {
        await page.GetByTestId(testId).FillAsync(value);
        await page.GetByTestId(testId).BlurAsync();
    }

    private static async Task ChooseAsync(IPage page, string testId, string itemText)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByTestId($"{testId}-option").Filter(new() { HasText = itemText, Visible = true }).ClickAsync();
    }
}
