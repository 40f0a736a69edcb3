using System.Globalization;
using BrpBlazor.App.Components.Pages.Billing;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.Subscriptions;

/// <summary>Debitering: choose a date, see what will be charged, confirm.</summary>
public class BillingPageTests : BunitTestBase
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task BillingPage_ChangingTheDate_ChangesThePreview_ConfirmBills()
    {
        var id = await ArrangeAsync();
        var cut = Render<BillingPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=billing-nothing]")));

        cut.Find("[data-testid=billing-until]").Change("2026-04-01");

        cut.WaitForAssertion(() => Assert.Contains("2026-04-01 – 2026-04-30: 300 kr × 1 mån = 300 kr", cut.Find("[data-testid=billing-row]").TextContent, StringComparison.CurrentCulture));
        Assert.Contains("Debitera 1 abonnemang (300 kr)", cut.Find("[data-testid=billing-confirm]").TextContent, StringComparison.CurrentCulture);
        Assert.Equal(new DateOnly(2026, 3, 31), await BilledUntilAsync(id));

        cut.Find("[data-testid=billing-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 abonnemang debiterades, totalt 300 kr", cut.Find("[data-testid=billing-outcome]").TextContent, StringComparison.CurrentCulture));
        Assert.Equal(new DateOnly(2026, 4, 30), await BilledUntilAsync(id));
        Assert.NotNull(cut.Find("[data-testid=billing-nothing]"));
    }

    [Fact]
    public async Task BillingPage_ForOneSubscription_ShowsOnlyIt()
    {
        var id = await ArrangeAsync();
        await ArrangeAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/debitering?abonnemang={id}");

        var cut = Render<BillingPage>();
        cut.Find("[data-testid=billing-until]").Change("2026-04-01");

        cut.WaitForAssertion(() => Assert.Equal(id.ToString(CultureInfo.InvariantCulture), Assert.Single(cut.FindAll("[data-testid=billing-row]")).GetAttribute("data-subscription-id")));
        Assert.Contains("Ett abonnemang", cut.Find("[data-testid=billing-scope]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task BillingPage_MoreThanAPage_ShowsOnePageWithAPagerAndBillsTheWholeRun()
    {
        for (var i = 0; i < BillingRuns.DefaultPageSize + 2; i++)
        {
            await ArrangeAsync();
        }

        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<BillingPage>();
        cut.Find("[data-testid=billing-until]").Change("2026-04-01");

        cut.WaitForAssertion(() => Assert.Equal(BillingRuns.DefaultPageSize, cut.FindAll("[data-testid=billing-row]").Count));
        Assert.Contains($"av {BillingRuns.DefaultPageSize + 2}", cut.Find("[data-testid=billing-page-info]").TextContent, StringComparison.CurrentCulture);
        Assert.Contains($"Debitera {BillingRuns.DefaultPageSize + 2} abonnemang", cut.Find("[data-testid=billing-confirm]").TextContent, StringComparison.CurrentCulture);

        var pager = cut.FindComponent<MudBlazor.MudPagination>();
        await cut.InvokeAsync(() => pager.Instance.SelectedChanged.InvokeAsync(2));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=billing-row]").Count));

        cut.Find("[data-testid=billing-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains($"{BillingRuns.DefaultPageSize + 2} abonnemang debiterades", cut.Find("[data-testid=billing-outcome]").TextContent, StringComparison.CurrentCulture));
    }

    private async Task<int> ArrangeAsync()
    {
        await using var db = Database.NewContext();
        var product = await TestData.AddProductAsync(db, price: 300);
        var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        subscription.Bill(Clock.Today, new OperationContext(Clock.Today, product), "seed", Seed);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    private async Task<DateOnly> BilledUntilAsync(int id)
    {
        await using var db = Database.NewContext();
        return (await db.Subscriptions.SingleAsync(s => s.Id == id)).BilledUntil;
    }
}
