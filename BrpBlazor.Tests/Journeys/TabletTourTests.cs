using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>Every page at 768×1024: it renders, nothing sticks out sideways, and what a finger taps is big enough.</summary>
[Collection(BrowserCollection.Name)]
public class TabletTourTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryPage_FitsATabletInPortrait_WithTouchSizedTargets()
    {
        await browser.App.CreateStaffAsync("tour", "Tove Tur", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var today = browser.App.Clock.Today;
        int personId, organisationId, productId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym Tur 12 mån", 399);
            var company = await TestData.AddOrganisationAsync(db, "Turbolaget AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Tora", "Turesson", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), "Tora Turesson", person.Personnummer);
            await db.SaveChangesAsync();
            (personId, organisationId, productId) = (person.Id, company.Id, gym.Id);
        }

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, "tour");
        var problems = new List<string>();
        foreach (var path in new[]
        {
            "/personer?q=turesson", $"/personer/{personId}", $"/personer/{personId}/redigera", "/personer/ny", $"/personer/{personId}/utnyttja",
            "/organisationskund/ny", "/organisationer?q=turbo", $"/organisationer/{organisationId}", $"/organisationer/{organisationId}/redigera",
            $"/organisationer/{organisationId}/forbestallningar", $"/organisationer/{organisationId}/forbestallningar/importera",
            "/produkter", $"/produkter/{productId}", "/produkter/ny", "/debitering", "/granskning", "/personal",
        })
        {
            await page.GotoAsync(browser.BaseAddress + path);
            await page.WaitForInteractiveAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var name = "tour" + path.Replace('/', '-').Replace('?', '-').Replace('=', '-');
            await page.ScreenshotAsync(name);
            Assert.Empty(await page.Locator("#blazor-error-ui:visible").AllAsync());

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 1)
            {
                problems.Add($"{path}: {overflow}px wider than the screen");
            }

            problems.AddRange(await LayoutChecks.SmallTargetsAsync(page, path));
        }

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
