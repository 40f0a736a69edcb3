using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// The tablet tour's pages on a phone (390×844) and, for comparison, a tablet held sideways (1024×768): each
/// renders, nothing sticks out sideways, and the top bar's labels do not overlap. Screenshots go to artifacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneTourTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1024, 768)]
    public async Task EveryPage_OnAPhoneAndATabletSideways_HasNoSidewaysScrolling(int width, int height)
    {
        var userName = $"phone{width}";
        await browser.App.CreateStaffAsync(userName, "Filippa Fon", Right.Reception, Right.Organisation, Right.Supervisor, Right.Admin);
        var today = browser.App.Clock.Today;
        int personId, organisationId;
        await using (var db = browser.App.NewContext())
        {
            var gym = await TestData.AddProductAsync(db, $"Gym Fon {width}", 399);
            var company = await TestData.AddOrganisationAsync(db, $"Fonbolaget {width} AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Filippa", $"Fonsson{width}", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, today.AddMonths(-2), null, null, "test", browser.App.Clock.UtcNow));
            subscription.Bill(today, new OperationContext(today, gym), "test", browser.App.Clock.UtcNow);
            db.Subscriptions.Add(subscription);
            await TestData.AddPreOrderAsync(db, company, gym, new DateRange(today, today.AddMonths(1)), person.FullName, person.Personnummer);
            await db.SaveChangesAsync();
            (personId, organisationId) = (person.Id, company.Id);
        }

        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(browser.BaseAddress, userName);
        var problems = new List<string>();
        foreach (var path in new[]
        {
            $"/personer?q=fonsson{width}", $"/personer/{personId}", "/personer/ny", $"/personer/{personId}/utnyttja",
            $"/organisationer/{organisationId}", $"/organisationer/{organisationId}/forbestallningar",
        })
        {
            await page.GotoAsync(browser.BaseAddress + path);
            await page.WaitForInteractiveAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ScreenshotAsync($"size-{width}x{height}" + path.Replace('/', '-').Replace('?', '-').Replace('=', '-'));
            problems.AddRange(await SidewaysAsync(page, path));
        }

        // The Frys dialog with its preview's Efter column.
        await page.GotoAsync($"{browser.BaseAddress}/personer/{personId}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("subscription-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("subscription-action-freeze").ClickAsync();
        await page.GetByTestId("dialog-confirm").WaitForAsync();
        await page.ScreenshotAsync($"size-{width}x{height}-frys-dialog");
        problems.AddRange((await BrokenHeadersAsync(page)).Select(h => $"Frys: {h}"));
        var efter = await page.GetByTestId("preview-bound-until-after").BoundingBoxAsync();
        if (efter is null || efter.X + efter.Width > width)
        {
            problems.Add($"Frys: the Efter column ends at {efter?.X + efter?.Width} of {width}px");
        }

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IEnumerable<string>> SidewaysAsync(IPage page, string path)
    {
        var problems = new List<string>();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 1)
        {
            problems.Add($"{path}: {overflow}px wider than the screen");
        }

        // Cards clip what does not fit, so the page itself may not scroll: look for cells and buttons past the edge.
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('td, th, .mud-button-root, .mud-step, h1')]
            .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.right > window.innerWidth + 1; })
            .map(e => `${e.tagName.toLowerCase()} '${(e.innerText || '').trim().slice(0, 25)}' ends at ${Math.round(e.getBoundingClientRect().right)}px`)");
        problems.AddRange(cut.Select(c => $"{path}: {c}"));

        problems.AddRange((await BrokenHeadersAsync(page)).Select(h => $"{path}: {h}"));

        // The top bar's buttons must not overlap each other or spill their text ("PERSONGANISAT").
        var overlaps = await page.EvaluateAsync<int>(@"() => { const r = [...document.querySelectorAll('.mud-appbar .mud-button-root, .mud-appbar .mud-icon-button')]
            .map(e => e.getBoundingClientRect()).filter(b => b.width > 0).sort((a, b) => a.left - b.left);
            let n = 0; for (let i = 1; i < r.length; i++) if (r[i].left < r[i - 1].right - 1) n++;
            return n + [...document.querySelectorAll('.mud-appbar .mud-button-label')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).textOverflow !== 'ellipsis').length; }");
        if (overlaps > 0)
        {
            problems.Add($"{path}: {overlaps} top-bar buttons overlap");
        }

        return problems;
    }

    /// <summary>Header cells whose text is wider than the cell, or with a word broken across two lines ("Slutdatu/m").</summary>
    private static async Task<string[]> BrokenHeadersAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() =>
        [...document.querySelectorAll('th')].filter(th => th.getBoundingClientRect().width > 0).flatMap(th => {
            const found = [];
            if (th.scrollWidth > th.clientWidth + 1) found.push(`th '${th.innerText.trim()}' is ${th.scrollWidth}px of text in a ${th.clientWidth}px cell`);
            const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('.sr-only')) continue;
                for (const word of node.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                    if (lines.size > 1) found.push(`th word '${word[0]}' breaks across ${lines.size} lines`);
                }
            }
            return found;
        })");
}
