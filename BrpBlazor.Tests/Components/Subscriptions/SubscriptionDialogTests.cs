using AngleSharp.Dom;
using BrpBlazor.App.Components.Dialogs;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BrpBlazor.Tests.Components.Subscriptions;

/// <summary>
/// Each dialog previews live: changing an input changes the preview before anything is confirmed. Today is
/// 2026-03-16; the subscription (300 kr/mån, bound to 2026-12-31, freeze 7–90 days, fee 100 kr) is billed to 2026-03-31.
/// </summary>
public class SubscriptionDialogTests : BunitTestBase
{
    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    private IRenderedComponent<MudDialogProvider> provider = default!;

    [Fact]
    public async Task FreezeDialog_ChangingTheEndDate_ChangesThePreviewBeforeAnyConfirm()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        // Default: today for a month, 2026-03-16 … 2026-04-15 (31 days).
        WaitForText("preview-bound-until-after", "2027-01-31");

        provider.Find("[data-testid=freeze-end]").Change("2026-04-30");

        // 46 days move the binding; 16 paid days (03-16 … 03-31) are given back after 04-30.
        WaitForText("preview-bound-until-after", "2027-02-15");
        Assert.Contains("2026-05-16", Text("preview-billed-until-after"), StringComparison.CurrentCulture);
        Assert.Contains("46 dagar", provider.Markup, StringComparison.CurrentCulture);
        Assert.False(ConfirmButton().HasAttribute("disabled"));
        Assert.Equal(0, await CountFreezesAsync());
    }

    [Fact]
    public async Task FreezeDialog_TooShort_ShowsTheRuleInlineAndDisablesConfirm()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        WaitForText("preview-bound-until-after", "2027-01-31");

        provider.Find("[data-testid=freeze-end]").Change("2026-03-18");

        provider.WaitForAssertion(() => Assert.Contains("Frysningen är 3 dagar; produktens frysregel kräver minst 7 dagar", provider.Find("[data-testid=dialog-errors]").TextContent, StringComparison.CurrentCulture));
        Assert.True(ConfirmButton().HasAttribute("disabled"));
        // The signed-in supervisor may override with a written reason; then confirm is enabled.
        provider.Find("[data-testid=dialog-override-reason]").Input("Läkarintyg visat");
        provider.WaitForAssertion(() => Assert.False(ConfirmButton().HasAttribute("disabled")));
    }

    [Fact]
    public async Task FreezeDialog_Confirm_SavesAndCloses()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        WaitForText("preview-bound-until-after", "2027-01-31");

        ConfirmButton().Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=freeze-dialog]")));
        Assert.Equal(1, await CountFreezesAsync());
    }

    [Fact]
    public async Task RemoveFreezeDialog_ChoosingAnotherFreeze_ChangesThePreview()
    {
        var id = await ArrangeAsync((s, p) =>
        {
            s.Freeze(new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10), "Resa"), new OperationContext(Clock.Today, p), "seed", Seed);
            s.Freeze(new FreezeRequest(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), "Operation"), new OperationContext(Clock.Today, p), "seed", Seed);
        });
        var popovers = Render<MudPopoverProvider>();
        await ShowAsync<RemoveFreezeDialog>(id);
        // Bound to 2026-12-31 + 40 frozen days; removing the 10-day April freeze leaves 30.
        WaitForText("preview-bound-until-after", "2027-01-30");

        provider.Find("[data-testid=remove-freeze-select]").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("2026-06-01", StringComparison.Ordinal)).Click());

        WaitForText("preview-bound-until-after", "2027-01-10");
        Assert.Equal(2, await CountFreezesAsync());
    }

    [Fact]
    public async Task ChangeFreezeEndDialog_Extend_ChangingTheNewEnd_ChangesThePreview()
    {
        var id = await ArrangeAsync((s, p) =>
            s.Freeze(new FreezeRequest(new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 10), null), new OperationContext(new DateOnly(2026, 3, 1), p), "seed", Seed));
        await ShowAsync<ChangeFreezeEndDialog>(id, (nameof(ChangeFreezeEndDialog.Change), FreezeChange.Extend));
        // Default: a month more, to 2026-05-10 (62 days).
        WaitForText("preview-bound-until-after", "2027-03-03");

        provider.Find("[data-testid=freeze-new-end]").Change("2026-04-20");

        WaitForText("preview-bound-until-after", "2027-02-11");
        Assert.Contains("2027-02-01", Text("preview-bound-until-before"), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ChangeFreezeEndDialog_Extend_OpensWithTheLongestEndTheRuleAllows()
    {
        // 2026-02-01 … 2026-04-15 is 74 days; a month more would be 104, over the rule's 90.
        var id = await ArrangeAsync((s, p) =>
            s.Freeze(new FreezeRequest(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 15), null), new OperationContext(new DateOnly(2026, 1, 20), p), "seed", Seed));
        await ShowAsync<ChangeFreezeEndDialog>(id, (nameof(ChangeFreezeEndDialog.Change), FreezeChange.Extend));

        provider.WaitForAssertion(() => Assert.Equal("2026-05-01", provider.Find("input[data-testid=freeze-new-end]").GetAttribute("value")));
        provider.WaitForAssertion(() => Assert.False(ConfirmButton().HasAttribute("disabled")));
        Assert.Empty(provider.FindAll("[data-testid=dialog-errors]"));
    }

    [Fact]
    public async Task ChangeFreezeEndDialog_Shorten_FreezeBegunToday_EndsTodayAndNeverSaysRemoveIt()
    {
        var id = await ArrangeAsync((s, p) =>
            s.Freeze(new FreezeRequest(new DateOnly(2026, 3, 16), new DateOnly(2026, 4, 20), null), new OperationContext(new DateOnly(2026, 3, 1), p), "seed", Seed));
        await ShowAsync<ChangeFreezeEndDialog>(id, (nameof(ChangeFreezeEndDialog.Change), FreezeChange.Shorten));
        provider.WaitForAssertion(() => Assert.Equal("2026-03-16", provider.Find("input[data-testid=freeze-new-end]").GetAttribute("value")));

        provider.Find("[data-testid=freeze-new-end]").Change("2026-03-15");

        provider.WaitForAssertion(() => Assert.Contains("den började 2026-03-16 och kan som tidigast sluta samma dag", provider.Find("[data-testid=dialog-errors]").TextContent, StringComparison.CurrentCulture));
        Assert.DoesNotContain("ta bort frysningen", provider.Markup, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ChangeFreezeEndDialog_Shorten_BeforeYesterday_IsRefusedInline()
    {
        var id = await ArrangeAsync((s, p) =>
            s.Freeze(new FreezeRequest(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 10), null), new OperationContext(new DateOnly(2026, 2, 20), p), "seed", Seed));
        await ShowAsync<ChangeFreezeEndDialog>(id, (nameof(ChangeFreezeEndDialog.Change), FreezeChange.Shorten));
        // Default: the freeze ended yesterday (2026-03-15): 15 days instead of 41.
        WaitForText("preview-bound-until-after", "2027-01-15");

        provider.Find("[data-testid=freeze-new-end]").Change("2026-03-10");

        provider.WaitForAssertion(() => Assert.Contains("En frysning kan som tidigast sluta i går", provider.Find("[data-testid=dialog-errors]").TextContent, StringComparison.CurrentCulture));
        Assert.True(ConfirmButton().HasAttribute("disabled"));
    }

    [Fact]
    public async Task CancelDialog_ReasonMissing_IsNotRedUntilTheFieldIsLeft()
    {
        var id = await ArrangeAsync();
        await ShowAsync<CancelDialog>(id);
        provider.WaitForAssertion(() => Assert.True(ConfirmButton().HasAttribute("disabled")));
        Assert.DoesNotContain("Ange orsak till uppsägningen", provider.Markup, StringComparison.CurrentCulture);

        provider.Find("input[data-testid=cancel-reason]").Blur();

        provider.WaitForAssertion(() => Assert.Contains("Ange orsak till uppsägningen", provider.Markup, StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task CancelDialog_ReasonLeftEmpty_TheFieldIsDescribedByTheElementHoldingTheMessage()
    {
        var id = await ArrangeAsync();
        await ShowAsync<CancelDialog>(id);
        provider.WaitForAssertion(() => Assert.True(ConfirmButton().HasAttribute("disabled")));

        provider.Find("input[data-testid=cancel-reason]").Blur();

        provider.WaitForAssertion(() =>
        {
            var describedBy = provider.Find("input[data-testid=cancel-reason]").GetAttribute("aria-describedby");
            Assert.False(string.IsNullOrWhiteSpace(describedBy));
            var descriptions = describedBy!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => provider.Find($"[id='{d}']").TextContent);
            Assert.Contains(descriptions, d => d.Contains("Ange orsak till uppsägningen", StringComparison.CurrentCulture));
        });
        // Said once, at the field: not repeated in the dialog's list of refusals.
        Assert.Empty(provider.FindAll("[data-testid=dialog-errors]"));
    }

    [Fact]
    public async Task FreezeDialog_PreviewAndRefusals_AreLiveRegionsPresentBeforeAnyChange()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        WaitForText("preview-bound-until-after", "2027-01-31");

        // Present from the start, so what appears in them later is announced.
        Assert.Equal("polite", provider.Find("[data-testid=operation-preview]").GetAttribute("aria-live"));
        Assert.Equal("assertive", provider.Find("[data-testid=dialog-refusals]").GetAttribute("aria-live"));

        provider.Find("[data-testid=freeze-end]").Change("2026-03-18");

        provider.WaitForAssertion(() => Assert.Contains("minst 7 dagar", provider.Find("[data-testid=dialog-refusals] [data-testid=dialog-errors]").TextContent, StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task FreezeDialog_OverlapsAnotherFreeze_ShowsNoArrowsAsIfItCouldBeApplied()
    {
        var id = await ArrangeAsync((s, p) =>
            s.Freeze(new FreezeRequest(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 20), null), new OperationContext(Clock.Today, p), "seed", Seed));
        await ShowAsync<FreezeDialog>(id);

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=dialog-errors]")));
        Assert.NotNull(provider.Find("[data-testid=preview-blocked]"));
        Assert.DoesNotContain("→", provider.Find("[data-testid=operation-preview]").TextContent, StringComparison.CurrentCulture);
        Assert.Equal(Text("preview-bound-until-before"), Text("preview-bound-until-after"));
    }

    [Fact]
    public async Task CancelDialog_ReasonAndFinalPayment_ChangeThePreview()
    {
        var id = await ArrangeAsync();
        await ShowAsync<CancelDialog>(id);
        provider.WaitForAssertion(() => Assert.True(ConfirmButton().HasAttribute("disabled")));
        Assert.Contains("räknas från i dag", provider.Find("[data-testid=cancel-notice-setting]").TextContent, StringComparison.CurrentCulture);

        provider.Find("[data-testid=cancel-reason]").Input("Flyttar");
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=dialog-errors]")));
        Assert.Contains("2026-12-31", Text("preview-end-date-after"), StringComparison.CurrentCulture);
        Assert.NotNull(provider.Find("[data-testid=preview-no-charge]"));

        provider.Find("[data-testid=cancel-final-payment]").Change(true);

        provider.WaitForAssertion(() => Assert.Contains(
            $"Slutbetalning 2026-04-01 – 2026-12-31: 9 × 300 kr = {Money.FromKronor(2700)}", provider.Find("[data-testid=preview-charge-formula]").TextContent, StringComparison.CurrentCulture));
        WaitForText("preview-billed-until-after", "2026-12-31");
        Assert.False(ConfirmButton().HasAttribute("disabled"));
        Assert.False((await StoredAsync(id)).IsCancelled);
    }

    [Fact]
    public async Task CancelDialog_DuringAFreezeThatRunsPastTheEnd_PreviewsTheFreezeAndBillingEndingOnTheEndDate()
    {
        // Bound to 2025-12-31 as sold; billed to 2026-03-31, then frozen 2026-03-01 … 2026-05-15 (76 days: bound to
        // 2026-03-17, 31 paid days given back: billed to 2026-06-15). Cancelled today with a month's notice: ends 2026-04-15.
        int id;
        await using (var db = Database.NewContext())
        {
            var product = await TestData.AddProductAsync(db, price: 300);
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2025, 1, 1), null, null, "seed", Seed));
            var march = new OperationContext(new DateOnly(2026, 3, 1), product);
            subscription.Bill(new DateOnly(2026, 3, 1), march, "seed", Seed);
            subscription.Freeze(new FreezeRequest(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 15), null), march, "seed", Seed);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            id = subscription.Id;
        }

        await ShowAsync<CancelDialog>(id);
        provider.Find("[data-testid=cancel-reason]").Input("Flyttar");

        WaitForText("preview-end-date-after", "2026-04-15");
        Assert.Contains("2026-06-15", Text("preview-billed-until-before"), StringComparison.CurrentCulture);
        Assert.Contains("2026-04-15", Text("preview-billed-until-after"), StringComparison.CurrentCulture);
        Assert.Contains("slutar på slutdatum 2026-04-15 i stället för 2026-05-15", Text("preview-notes"), StringComparison.CurrentCulture);
        Assert.False(ConfirmButton().HasAttribute("disabled"));
    }

    [Fact]
    public async Task CancelDialog_NoticeFromTomorrowSetting_IsPassedToTheRule()
    {
        Services.GetRequiredService<IOptions<BrpSettings>>().Value.NoticeFromTomorrow = true;
        int id;
        await using (var db = Database.NewContext())
        {
            var flex = await TestData.AddProductAsync(db, "Flex", price: 300, binding: 0);
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, flex, flex.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            id = subscription.Id;
        }

        await ShowAsync<CancelDialog>(id);
        provider.WaitForAssertion(() => Assert.Contains("räknas från i morgon", provider.Find("[data-testid=cancel-notice-setting]").TextContent, StringComparison.CurrentCulture));
        provider.Find("[data-testid=cancel-reason]").Input("Flyttar");

        // One month's notice from 2026-03-17 ends 2026-04-16 (from today it would be 2026-04-15).
        WaitForText("preview-end-date-after", "2026-04-16");
    }

    [Fact]
    public async Task UpgradeDialog_ProductAndDay_ChangeThePreview()
    {
        await using (var db = Database.NewContext())
        {
            await TestData.AddProductAsync(db, "Gym Guld", price: 400);
            await TestData.AddProductAsync(db, "Gym Platina", price: 600);
        }

        var id = await ArrangeAsync();
        var popovers = Render<MudPopoverProvider>();
        await ShowAsync<UpgradeDialog>(id);
        // The cheapest dearer product, from today: 16 of March's 31 days.
        provider.WaitForAssertion(() => Assert.Equal("(400 kr − 300 kr) × 16/31 dagar = 52 kr", provider.Find("[data-testid=preview-charge-formula]").TextContent));
        Assert.Contains("400 kr", Text("preview-price-after"), StringComparison.CurrentCulture);

        provider.Find("[data-testid=upgrade-day]").Change("2026-03-22");
        provider.WaitForAssertion(() => Assert.Equal("(400 kr − 300 kr) × 10/31 dagar = 32 kr", provider.Find("[data-testid=preview-charge-formula]").TextContent));

        provider.Find("[data-testid=upgrade-product]").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Gym Platina", StringComparison.Ordinal)).Click());
        provider.WaitForAssertion(() => Assert.Equal("(600 kr − 300 kr) × 10/31 dagar = 97 kr", provider.Find("[data-testid=preview-charge-formula]").TextContent));
        Assert.Contains("600 kr", Text("preview-price-after"), StringComparison.CurrentCulture);
        Assert.Equal(Money.FromKronor(300), (await StoredAsync(id)).MonthlyPrice);
    }

    [Fact]
    public async Task DowngradeDialog_DuringTheBinding_ShowsTheBindingDate_ASupervisorsReasonEnablesIt_ProductChangesThePreview()
    {
        await using (var db = Database.NewContext())
        {
            await TestData.AddProductAsync(db, "Gym Bas", price: 200);
            await TestData.AddProductAsync(db, "Gym Dag", price: 150);
        }

        var id = await ArrangeAsync();
        var popovers = Render<MudPopoverProvider>();
        await ShowAsync<DowngradeDialog>(id);

        // The dearest cheaper product first, from the next billing period (billed to 2026-03-31).
        WaitForText("preview-scheduled-after", "Byter till Gym Bas från 2026-04-01 (200 kr/mån)");
        Assert.Contains("Bundet t.o.m. 2026-12-31", provider.Find("[data-testid=dialog-errors]").TextContent, StringComparison.CurrentCulture);
        Assert.True(ConfirmButton().HasAttribute("disabled"));
        Assert.Contains("inget återbetalas", Text("preview-notes"), StringComparison.CurrentCulture);
        Assert.Contains("2026-03-31", Text("preview-billed-until-after"), StringComparison.CurrentCulture);

        provider.Find("[data-testid=downgrade-product]").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Gym Dag", StringComparison.Ordinal)).Click());
        WaitForText("preview-scheduled-after", "Byter till Gym Dag från 2026-04-01 (150 kr/mån)");

        provider.Find("[data-testid=dialog-override-reason]").Input("Arbetslös, intyg visat");
        provider.WaitForAssertion(() => Assert.False(ConfirmButton().HasAttribute("disabled")));
        ConfirmButton().Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=downgrade-dialog]")));
        Assert.Equal(new DateOnly(2026, 4, 1), (await StoredAsync(id)).ScheduledFrom);
    }

    [Fact]
    public async Task DowngradeDialog_WithAChangeAlreadyBooked_SaysItReplacesIt()
    {
        Product basic;
        await using (var db = Database.NewContext())
        {
            basic = await TestData.AddProductAsync(db, "Gym Bas", price: 200);
            await TestData.AddProductAsync(db, "Gym Dag", price: 150);
        }

        var id = await ArrangeAsync((s, p) => s.Downgrade(
            new DowngradeRequest(new UpgradeTarget(basic, basic.MonthlyPrice)), new OperationContext(Clock.Today, p, new OverrideRequest(true, "Intyg")), "seed", Seed));
        var popovers = Render<MudPopoverProvider>();
        await ShowAsync<DowngradeDialog>(id);
        provider.WaitForAssertion(() => Assert.Contains("Ersätter det planerade bytet till Gym Bas från 2026-04-01", Text("preview-notes"), StringComparison.CurrentCulture));

        provider.Find("[data-testid=downgrade-product]").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Gym Dag", StringComparison.Ordinal)).Click());

        WaitForText("preview-scheduled-before", "Byter till Gym Bas från 2026-04-01");
        WaitForText("preview-scheduled-after", "Byter till Gym Dag från 2026-04-01");
        Assert.Contains("Ersätter det planerade bytet till Gym Bas från 2026-04-01", Text("preview-notes"), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task UpgradeDialog_WithADowngradeBooked_SaysTheUpgradeCancelsIt()
    {
        Product basic;
        await using (var db = Database.NewContext())
        {
            basic = await TestData.AddProductAsync(db, "Gym Bas", price: 200);
            await TestData.AddProductAsync(db, "Gym Guld", price: 400);
        }

        var id = await ArrangeAsync((s, p) => s.Downgrade(
            new DowngradeRequest(new UpgradeTarget(basic, basic.MonthlyPrice)), new OperationContext(Clock.Today, p, new OverrideRequest(true, "Intyg")), "seed", Seed));
        await ShowAsync<UpgradeDialog>(id);

        provider.WaitForAssertion(() => Assert.Contains("Det planerade bytet till Gym Bas från 2026-04-01 tas bort av uppgraderingen", Text("preview-notes"), StringComparison.CurrentCulture));
        Assert.Contains("Byter till Gym Bas", Text("preview-scheduled-before"), StringComparison.CurrentCulture);
        Assert.Contains("–", Text("preview-scheduled-after"), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task CancelScheduledChangeDialog_PreviewsAndRemovesTheBookedChange()
    {
        Product basic;
        await using (var db = Database.NewContext())
        {
            basic = await TestData.AddProductAsync(db, "Gym Bas", price: 200);
        }

        var id = await ArrangeAsync((s, p) => s.Downgrade(
            new DowngradeRequest(new UpgradeTarget(basic, basic.MonthlyPrice)), new OperationContext(Clock.Today, p, new OverrideRequest(true, "Intyg")), "seed", Seed));
        await ShowAsync<CancelScheduledChangeDialog>(id);

        provider.WaitForAssertion(() => Assert.Contains("Det planerade bytet till Gym Bas från 2026-04-01 tas bort", Text("preview-notes"), StringComparison.CurrentCulture));
        ConfirmButton().Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=cancel-scheduled-change-dialog]")));
        Assert.Null((await StoredAsync(id)).Scheduled);
    }

    [Fact]
    public async Task DowngradeDialog_ChangedOnAnotherTablet_SaysSoAndPreviewsTheNewState()
    {
        Product basic;
        await using (var db = Database.NewContext())
        {
            basic = await TestData.AddProductAsync(db, "Gym Bas", price: 200);
        }

        var id = await ArrangeAsync();
        await ShowAsync<DowngradeDialog>(id);
        WaitForText("preview-scheduled-after", "Byter till Gym Bas från 2026-04-01");

        // Another tablet books the same downgrade (a supervisor's override) while this dialog is open.
        var operations = Services.GetRequiredService<SubscriptionOperations>();
        var supervisor = Actors.Supervisor with { Name = "Sven Arbetsledare" };
        var theirs = (await operations.LoadAsync(supervisor, id)).Value.PreviewDowngrade(basic.Id, supervisor, "Intyg");
        Assert.True((await operations.DowngradeAsync(supervisor, id, basic.Id, "Intyg", theirs)).IsSuccess);

        provider.WaitForAssertion(() => Assert.Contains("Sven Arbetsledare ändrade just abonnemanget", provider.Find("[data-testid=dialog-change-notice]").TextContent, StringComparison.CurrentCulture), TimeSpan.FromSeconds(5));
        provider.WaitForAssertion(() => Assert.Contains("Ersätter det planerade bytet till Gym Bas från 2026-04-01", Text("preview-notes"), StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task OpenDialog_ChangedOnAnotherTablet_ReloadsSaysWhatChangedAndKeepsTheInputs()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        provider.Find("[data-testid=freeze-end]").Change("2026-04-30");
        WaitForText("preview-bound-until-after", "2027-02-15");

        // Another tablet freezes June through the same services (and the same in-process change feed).
        var operations = Services.GetRequiredService<SubscriptionOperations>();
        var june = new FreezeRequest(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), null);
        var theirs = (await operations.LoadAsync(Actors.Reception, id)).Value.PreviewFreeze(june, Actors.Reception);
        Assert.True((await operations.FreezeAsync(Actors.With(Core.Domain.Staff.Right.Reception) with { Name = "Rita Reception" }, id, june, null, theirs)).IsSuccess);

        provider.WaitForAssertion(() => Assert.Contains("Rita Reception ändrade just abonnemanget", provider.Find("[data-testid=dialog-change-notice]").TextContent, StringComparison.CurrentCulture), TimeSpan.FromSeconds(5));
        Assert.Contains("2026-06-01 – 2026-06-30", provider.Find("[data-testid=dialog-change-notice]").TextContent, StringComparison.CurrentCulture);
        // The new state (June's 30 days) is the starting point; my 46 days come on top of it.
        WaitForText("preview-bound-until-before", "2027-01-30");
        WaitForText("preview-bound-until-after", "2027-03-17");
        Assert.Equal("2026-04-30", provider.Find("[data-testid=freeze-end]").GetAttribute("value"));
    }

    [Fact]
    public async Task Confirm_OnAStaleVersion_IsRefusedWithAMessageAndPreviewsTheNewState()
    {
        var id = await ArrangeAsync();
        await ShowAsync<FreezeDialog>(id);
        WaitForText("preview-bound-until-after", "2027-01-31");

        // Changed behind the dialog's back (no notification reaches it).
        await using (var db = Database.NewContext())
        {
            var s = await db.Subscriptions.Include(x => x.Freezes).Include(x => x.Charges).Include(x => x.BilledPeriods).SingleAsync(x => x.Id == id);
            var p = await db.Products.SingleAsync(x => x.Id == s.ProductId);
            s.Freeze(new FreezeRequest(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), null), new OperationContext(Clock.Today, p), "other", Seed);
            await db.SaveChangesAsync();
        }

        ConfirmButton().Click();

        provider.WaitForAssertion(() => Assert.Contains(OperationErrors.Stale.Message, provider.Find("[data-testid=dialog-change-notice]").TextContent, StringComparison.CurrentCulture));
        WaitForText("preview-bound-until-before", "2027-01-30");
        Assert.Equal(1, await CountFreezesAsync());
        Assert.False(ConfirmButton().HasAttribute("disabled"));

        ConfirmButton().Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=freeze-dialog]")));
        Assert.Equal(2, await CountFreezesAsync());
    }

    private async Task<int> ArrangeAsync(Action<Subscription, Product>? change = null)
    {
        await using var db = Database.NewContext();
        var product = await TestData.AddProductAsync(db, price: 300);
        var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
        subscription.Bill(Clock.Today, new OperationContext(Clock.Today, product), "seed", Seed);
        change?.Invoke(subscription, product);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    private async Task ShowAsync<TDialog>(int subscriptionId, params (string Name, object Value)[] extra)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters { [nameof(SubscriptionDialogBase.SubscriptionId)] = subscriptionId };
        foreach (var (name, value) in extra)
        {
            parameters.Add(name, value);
        }

        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("test", parameters, SubscriptionDialogs.Options));
    }

    private IElement ConfirmButton() => provider.Find("[data-testid=dialog-confirm]");

    private string Text(string testId) => provider.Find($"[data-testid={testId}]").TextContent;

    private void WaitForText(string testId, string expected) =>
        provider.WaitForAssertion(() => Assert.Contains(expected, Text(testId), StringComparison.CurrentCulture));

    private async Task<int> CountFreezesAsync()
    {
        await using var db = Database.NewContext();
        return await db.Freezes.CountAsync();
    }

    private async Task<Subscription> StoredAsync(int id)
    {
        await using var db = Database.NewContext();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
    }
}
