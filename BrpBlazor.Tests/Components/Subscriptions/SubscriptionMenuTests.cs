using BrpBlazor.Core.Data;
using BrpBlazor.App.Components.Pages.People;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BrpBlazor.Tests.Components.Subscriptions;

/// <summary>The person page: each subscription's menu, its dialogs, and Markera som betald.</summary>
public class SubscriptionMenuTests : BunitTestBase
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Menu_ShowsEveryItem_DisabledOnesWithTheirReason()
    {
        var (personId, _) = await ArrangeAsync();
        var popovers = RenderProviders();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=subscription-menu]")));

        cut.Find("[data-testid=subscription-menu] button").Click();

        popovers.WaitForAssertion(() => Assert.Contains("Förlänga pågående frysning", popovers.Markup, StringComparison.CurrentCulture));
        foreach (var label in new[] { "Frys", "Ta bort frysning", "Förkorta pågående frysning", "Säg upp", "Uppgradera" })
        {
            Assert.Contains(label, popovers.Markup, StringComparison.CurrentCulture);
        }

        var remove = popovers.Find("[data-testid=subscription-action-remove-freeze]");
        Assert.Contains("Det finns ingen kommande frysning att ta bort", remove.TextContent, StringComparison.CurrentCulture);
        Assert.Contains("mud-disabled", remove.OuterHtml, StringComparison.CurrentCulture);
        Assert.Contains("Det finns ingen dyrare produkt", popovers.Find("[data-testid=subscription-action-upgrade]").TextContent, StringComparison.CurrentCulture);
        Assert.DoesNotContain("mud-disabled", popovers.Find("[data-testid=subscription-action-freeze]").OuterHtml, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Menu_Frys_OpensTheDialog_ConfirmUpdatesThePage()
    {
        var (personId, _) = await ArrangeAsync();
        var dialogs = Render<MudDialogProvider>();
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=subscription-menu]")));
        Assert.Contains("2026-12-31", cut.Find("[data-testid=bound-until]").TextContent, StringComparison.CurrentCulture);

        cut.Find("[data-testid=subscription-menu] button").Click();
        popovers.WaitForAssertion(() => popovers.Find("[data-testid=subscription-action-freeze]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Frys · Per Berg", dialogs.Find(".mud-dialog-title").TextContent, StringComparison.CurrentCulture));
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=dialog-confirm]").HasAttribute("disabled")));
        dialogs.Find("[data-testid=dialog-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2027-01-31", cut.Find("[data-testid=bound-until]").TextContent, StringComparison.CurrentCulture));
        Assert.Single(cut.FindAll("[data-testid=freeze-row]"));
        Assert.Empty(dialogs.FindAll("[data-testid=freeze-dialog]"));
    }

    [Fact]
    public async Task OpenCharge_MarkAsPaid_AfterConfirmingLeavesTheTillList()
    {
        var (personId, subscriptionId) = await ArrangeAsync(billed: false, freezeFee: true);
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=open-charge]")));

        cut.Find("[data-testid=mark-charge-paid]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Har kunden betalat 100 kr", dialogs.Markup, StringComparison.CurrentCulture));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Ja, betald", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=open-charge]")));
        await using var db = Database.NewContext();
        Assert.NotNull((await db.Charges.SingleAsync(c => c.SubscriptionId == subscriptionId)).PaidUtc);
    }

    [Fact]
    public async Task ChangeFeed_OwnChange_SaysSavedAndAColleaguesChange_SaysWhoDidWhat()
    {
        var (personId, subscriptionId) = await ArrangeAsync();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=subscription-menu]")));
        var feed = Services.GetRequiredService<IChangeFeed>();
        var database = Services.GetRequiredService<IBrpDatabase>().Name;
        var me = await Services.GetRequiredService<CurrentStaff>().GetAsync();

        feed.Publish(new SubscriptionChanged(database, personId, subscriptionId, 2, "Frysning 2026-04-01 – 2026-04-30 lades in på Gym", me.Name, me.Id));

        snackbars.WaitForAssertion(() => Assert.Contains(PersonPage.SavedMessage, snackbars.Markup, StringComparison.CurrentCulture));
        Assert.DoesNotContain("lades in", snackbars.Markup, StringComparison.CurrentCulture);

        feed.Publish(new SubscriptionChanged(database, personId, subscriptionId, 3, "Frysning 2026-05-01 – 2026-05-31 lades in på Gym", "Rita Receptionist", "rita"));

        snackbars.WaitForAssertion(() => Assert.Contains("Rita Receptionist: Frysning 2026-05-01", snackbars.Find("#mud-snackbar-container").TextContent, StringComparison.CurrentCulture));
        // Each date on one line, however narrow the phone (decision 140).
        Assert.Contains("<span class=\"text-nowrap\">2026-05-31</span>", snackbars.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_NotBilledYet_SaysSoInsteadOfTheDayBeforeTheStart()
    {
        var (personId, _) = await ArrangeAsync(billed: false);

        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Equal("inget debiterat än", cut.Find("[data-testid=billed-until]").TextContent));
    }

    private async Task<(int PersonId, int SubscriptionId)> ArrangeAsync(bool billed = true, bool freezeFee = false)
    {
        await using var db = Database.NewContext();
        var product = await TestData.AddProductAsync(db, price: 300);
        var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        if (billed)
        {
            subscription.Bill(Clock.Today, new OperationContext(Clock.Today, product), "seed", Seed);
        }

        if (freezeFee)
        {
            subscription.Freeze(new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null), new OperationContext(Clock.Today, product), "seed", Seed);
        }

        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return (person.Id, subscription.Id);
    }
}
