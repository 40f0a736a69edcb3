using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>A customer manager follows up their organisation at tablet size: Mina organisationer, the chart, a bulk extension, invitations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerManager_FromMyOrganisations_ExtendsOneAndInvitesTheRest_AtTabletSize()
    {
        var user = $"uppfoljning-{Guid.NewGuid():N}"[..24];
        var staffId = await browser.App.CreateStaffAsync(user, "Kim Kundansvarig", Right.Organisation);
        var today = browser.App.Clock.Today;
        var name = $"Uppföljning {Guid.NewGuid():N}"[..20];
        int organisationId;
        await using (var db = browser.App.NewContext())
        {
            var product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
            var organisation = Organisation.Create(new OrganisationDetails(name, TestData.NextOrganisationsnummer(), staffId, true)).Value;
            organisation.SetPrice(product, Money.FromKronor(299));
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            organisationId = organisation.Id;
            var validity = new DateRange(today.AddMonths(-2), today.AddDays(20));
            foreach (var (person, daysAgo) in new (string, int?)[] { ("Åsa Öberg", 1), ("Per Berg", 8), ("Lisa Hägg", 15), ("Märta Nyström", null), ("Karl Jönsson", null) })
            {
                var p = PreOrder.Create(new PreOrderDraft(organisationId, product.Id, validity, person, TestData.NextPersonnummer(), default, $"{person.Split(' ')[0].ToLowerInvariant().Replace('å', 'a').Replace('ä', 'a')}@foretaget.se"), "test", browser.App.Clock.UtcNow);
                if (daysAgo is { } days)
                {
                    p.Redeem(1, today.AddDays(-days), today.AddDays(-days).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
                }

                db.PreOrders.Add(p);
            }

            await db.SaveChangesAsync();
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, user, "/mina-organisationer");
        await Assertions.Expect(page.GetByTestId("my-organisation-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("my-organisation-rate")).ToHaveTextAsync("60 %");
        await page.GetByTestId("my-organisation-name").ClickAsync();

        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("followup-preordered")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("followup-expiring")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("not-yet-come-name")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=redemptions-chart] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("mail-status")).ToContainTextAsync("E-post skickas inte");
        await page.ScreenshotAsync("followup-page");

        await page.Locator("[data-testid=not-yet-come] tbody tr").Filter(new() { HasText = "Karl Jönsson" }).Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("bulk-open").ClickAsync();
        await page.GetByTestId("bulk-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bulk-preview-count")).ToContainTextAsync("1 förbeställning ändras");
        await Assertions.Expect(page.GetByTestId("bulk-affected")).ToContainTextAsync("Karl Jönsson");
        await page.ScreenshotAsync("followup-bulk-preview");
        await page.GetByTestId("bulk-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("followup-expiring")).ToHaveTextAsync("1");

        await page.GetByTestId("followup-invite").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invitations-count")).ToContainTextAsync("2 personer");
        await page.GetByTestId("invitations-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("outbox-status")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("outbox-status").First).ToHaveTextAsync("Väntar");
        await page.ScreenshotAsync("followup-invited");

        await using var check = browser.App.NewContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "preorder.extend" && a.OrganisationId == organisationId));
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.OrganisationId == organisationId));
        await page.Context.CloseAsync();
    }
}
