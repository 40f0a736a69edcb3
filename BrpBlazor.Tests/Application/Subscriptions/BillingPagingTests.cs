using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>The billing preview comes a page at a time with the run's count and total (issue 14 point 9, docs/decisions/061).</summary>
public class BillingPagingTests
{
    private static readonly DateOnly April1 = new(2026, 4, 1);

    [Fact]
    public async Task PreviewPage_MoreThanAPage_ReturnsThatPageAndTheWholeRunsCountAndTotal()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        for (var i = 0; i < 7; i++)
        {
            await s.AddSubscriptionAsync(product, firstName: $"Person{i}");
        }

        var first = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, page: 0, pageSize: 3)).Value;
        var last = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, page: 2, pageSize: 3)).Value;
        var beyond = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, page: 9, pageSize: 3)).Value;
        var all = (await s.Billing.PreviewAsync(Actors.Supervisor, April1)).Value;

        Assert.Equal(3, first.Items.Count);
        Assert.Single(last.Items);
        Assert.Equal((7, 7, 3), (first.TotalCount, first.BillableCount, first.PageCount));
        Assert.Equal(Money.FromKronor(2100), first.Total);
        Assert.Equal(all.Items.Select(i => i.SubscriptionId), first.Items.Concat((await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, 1, 3)).Value.Items).Concat(last.Items).Select(i => i.SubscriptionId));
        Assert.Equal(2, beyond.Page);
    }

    [Fact]
    public async Task PreviewPage_AskedForAHugePage_IsCappedAtMaxPageSize()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        await s.AddSubscriptionAsync(product);

        var page = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, 0, pageSize: 1_000_000)).Value;

        Assert.Equal(BillingRuns.MaxPageSize, page.PageSize);
    }

    [Fact]
    public async Task RunFromAPage_BillsTheWholeRunNotOnlyThePageShown()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await s.AddSubscriptionAsync(product, firstName: $"Person{i}"));
        }

        var page = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, 0, pageSize: 2)).Value;
        var outcome = (await s.Billing.RunAsync(Actors.Supervisor, page)).Value;

        Assert.Equal(5, outcome.Billed.Count);
        foreach (var id in ids)
        {
            Assert.Equal(new DateOnly(2026, 4, 30), (await s.StoredAsync(id)).BilledUntil);
        }
    }

    [Fact]
    public async Task RunFromAPage_RunChangedSinceThePreview_BillsNothing()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        var first = await s.AddSubscriptionAsync(product, firstName: "Anna");
        var page = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, 0)).Value;
        await s.AddSubscriptionAsync(product, firstName: "Bo");

        var result = await s.Billing.RunAsync(Actors.Supervisor, page);

        Assert.Equal("billing.changed", result.FirstError?.Code);
        Assert.Contains("nu 2 abonnemang", result.FirstError!.Message, StringComparison.CurrentCulture);
        Assert.Equal(new DateOnly(2026, 3, 31), (await s.StoredAsync(first)).BilledUntil);
    }

    [Fact]
    public async Task PreviewPageAndRun_WithoutTheSupervisorRight_AreRefused()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync(price: 300);
        await s.AddSubscriptionAsync(product);
        var page = (await s.Billing.PreviewPageAsync(Actors.Supervisor, April1, 0)).Value;

        Assert.Equal("right.missing", (await s.Billing.PreviewPageAsync(Actors.Reception, April1, 0)).FirstError?.Code);
        Assert.Equal("right.missing", (await s.Billing.RunAsync(Actors.Reception, page)).FirstError?.Code);
    }
}
