using BrpBlazor.App.Components.Dialogs.PreOrders;
using BrpBlazor.App.Components.Pages.PreOrders;
using DateRange = BrpBlazor.Core.Domain.Common.DateRange;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BrpBlazor.Tests.Components.PreOrders;

/// <summary>The pre-order pages and dialogs in bUnit, on real SQLite.</summary>
public class PreOrderComponentTests : BunitTestBase
{
    private static readonly DateRange Validity = new(TestClock.DefaultToday, TestClock.DefaultToday.AddMonths(3));

    private Organisation organisation = default!;
    private Product product = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
    }

    private async Task SeedAsync()
    {
        await using var db = Database.NewContext();
        await TestData.AddPreOrderAsync(db, organisation, product, Validity, "Åsa Öberg", Personnummer.Parse("19850314-2344", Clock.Today));
        await TestData.AddPreOrderAsync(db, organisation, product, Validity, "Per Berg", Personnummer.Parse("19791102-1173", Clock.Today));
        var withdrawn = await TestData.AddPreOrderAsync(db, organisation, product, Validity, "Olle Åkesson", null, new DateOnly(1972, 10, 3));
        withdrawn.Withdraw("Slutat", "test", Clock.UtcNow);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ListPage_ShowsCountsAndRows_WithMaskedPersonnummer()
    {
        await SeedAsync();

        var cut = Render<PreOrderListPage>(p => p.Add(x => x.OrganisationId, organisation.Id));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(3, cut.FindAll("[data-testid=preorder-row-name]").Count);
            Assert.Contains("2", cut.Find("[data-testid=count-open]").TextContent, StringComparison.CurrentCulture);
            Assert.Contains("1", cut.Find("[data-testid=count-withdrawn]").TextContent, StringComparison.CurrentCulture);
        });
        Assert.Contains("19850314-••••", cut.Markup, StringComparison.CurrentCulture);
        Assert.DoesNotContain("2344", cut.Markup, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ListPage_TappingACount_FiltersTheGridToThatStatus()
    {
        await SeedAsync();
        var cut = Render<PreOrderListPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=preorder-row-name]").Count));

        cut.Find("[data-testid=count-withdrawn]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Olle Åkesson"], cut.FindAll("[data-testid=preorder-row-name]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task ListPage_Withdraw_AsksForAReason_ThenUpdatesListAndCounts()
    {
        await SeedAsync();
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var cut = Render<PreOrderListPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=preorder-row-withdraw]").Count));

        cut.FindAll("[data-testid=preorder-row-withdraw]")[0].Click();
        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("[data-testid=withdraw-confirm]").HasAttribute("disabled")));
        dialogs.Find("[data-testid=withdraw-reason]").Input("Har slutat på företaget");
        dialogs.Find("[data-testid=withdraw-confirm]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("2", cut.Find("[data-testid=count-withdrawn]").TextContent, StringComparison.CurrentCulture);
            Assert.Contains("1", cut.Find("[data-testid=count-open]").TextContent, StringComparison.CurrentCulture);
            Assert.Single(cut.FindAll("[data-testid=preorder-row-withdraw]"));
        });
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.PreOrders.CountAsync(p => p.Status == PreOrderStatus.Withdrawn));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "preorder.withdraw" && a.Reason == "Har slutat på företaget"));
    }

    [Fact]
    public async Task DetailsDialog_ShowsTheWholePersonnummer()
    {
        await SeedAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PreOrderListPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=preorder-row-name]").Count));

        cut.FindAll("[data-testid=preorder-row-name]").Single(e => e.TextContent == "Åsa Öberg").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("19850314-2344", dialogs.Find("[data-testid=details-personnummer]").TextContent.Trim()));

        // Created 2026-01-01 00:00 UTC: staff read Stockholm time, whatever the server's zone.
        Assert.Contains("2026-01-01 01:00 av", dialogs.Find("[data-testid=preorder-details-dialog]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task DetailsDialog_Redeemed_SaysWhenAndByWhomAndLinksToThePerson()
    {
        await SeedAsync();
        int personId;
        await using (var db = Database.NewContext())
        {
            db.Users.Add(new StaffUser { Id = "rita", UserName = "rita", DisplayName = "Rita Receptionist" });
            var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", Personnummer.Parse("19850314-2344", Clock.Today));
            var preOrder = await db.PreOrders.SingleAsync(p => p.Name == "Åsa Öberg");
            var subscription = BrpBlazor.Core.Domain.Subscriptions.Subscription.Create(new(
                person.Id, product, BrpBlazor.Core.Domain.Common.Money.FromKronor(299), Clock.Today, organisation.Id, preOrder.Id, "rita",
                new DateTime(2026, 3, 16, 9, 30, 0, DateTimeKind.Utc)));
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            preOrder.Redeem(subscription.Id, Clock.Today, new DateTime(2026, 3, 16, 9, 30, 0, DateTimeKind.Utc));
            await db.SaveChangesAsync();
            personId = person.Id;
        }

        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PreOrderListPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=preorder-row-name]").Count));

        cut.FindAll("[data-testid=preorder-row-name]").Single(e => e.TextContent == "Åsa Öberg").Click();

        // 09:30 UTC in March is 10:30 in Stockholm.
        dialogs.WaitForAssertion(() => Assert.Contains("2026-03-16 10:30 av Rita Receptionist", dialogs.Find("[data-testid=details-redeemed]").TextContent, StringComparison.CurrentCulture));
        Assert.Equal($"/personer/{personId}", dialogs.Find("[data-testid=details-redeemed-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task CreateDialog_Refused_MarksTheFieldsThatAreWrong()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => { _ = CreatePreOrderDialog.ShowAsync(service, organisation.Id); });
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=create-name]")));

        dialogs.Find("[data-testid=create-identity]").Input("850314-2345");
        dialogs.Find("[data-testid=create-email]").Input("asa.foretaget.se");
        dialogs.Find("[data-testid=create-add]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Kontrollsiffran stämmer inte", Field(dialogs, "create-identity"), StringComparison.CurrentCulture));
        Assert.Contains("Namn saknas", Field(dialogs, "create-name"), StringComparison.CurrentCulture);
        Assert.Contains("E-postadressen ser inte ut som en e-postadress", Field(dialogs, "create-email"), StringComparison.CurrentCulture);
        Assert.Empty(dialogs.FindAll("[data-testid=create-errors]"));
    }

    private static string Field(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task CreateDialog_AddAndNext_KeepsProductAndValidity_ClearsThePerson()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        Task<int> result = default!;
        await dialogs.InvokeAsync(() => { result = CreatePreOrderDialog.ShowAsync(service, organisation.Id); });
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=create-name]")));

        dialogs.Find("[data-testid=create-name]").Input("Åsa Öberg");
        dialogs.Find("[data-testid=create-identity]").Input("850314-2344");
        dialogs.Find("[data-testid=create-email]").Input("asa@foretaget.se");
        dialogs.Find("[data-testid=create-add-next]").Click();

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Åsa Öberg", dialogs.Find("[data-testid=create-added]").TextContent, StringComparison.CurrentCulture);
            Assert.Equal(string.Empty, dialogs.Find("[data-testid=create-name]").GetAttribute("value") ?? string.Empty);
            Assert.Equal(string.Empty, dialogs.Find("[data-testid=create-identity]").GetAttribute("value") ?? string.Empty);
        });
        Assert.Equal("2026-03-16", dialogs.Find("[data-testid=create-valid-from] input, input[data-testid=create-valid-from]").GetAttribute("value"));
        Assert.Contains("Gym 12 mån autogiro", dialogs.Find("[data-testid=create-product]").ParentElement!.ParentElement!.TextContent, StringComparison.CurrentCulture);

        dialogs.Find("[data-testid=create-name]").Input("Sara Ekdahl");
        dialogs.Find("[data-testid=create-identity]").Input("1995-08-21");
        dialogs.Find("[data-testid=create-add]").Click();

        Assert.Equal(2, await result.WaitAsync(TimeSpan.FromSeconds(10)));
        await using var db = Database.NewContext();
        var stored = await db.PreOrders.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(["Åsa Öberg", "Sara Ekdahl"], stored.Select(p => p.Name));
        Assert.All(stored, p => Assert.Equal((product.Id, Validity), (p.ProductId, p.Validity)));
    }
}
