using System.Globalization;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.Subscriptions;

/// <summary>Apply = load afresh, check the version, let the domain apply, one audit entry, one SaveChanges, publish.</summary>
public class SubscriptionOperationsTests
{
    private static readonly FreezeRequest March20ToApril18 = new(new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 18), "Resa");

    [Fact]
    public async Task FreezeAsync_Confirmed_StoresWhatThePreviewShowedWithOneAuditEntry()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var product = await s.AddProductAsync();
        var id = await s.AddSubscriptionAsync(product);
        var loaded = await s.LoadAsync(id);

        var preview = loaded.PreviewFreeze(March20ToApril18, Actors.Reception);
        var result = await s.Operations.FreezeAsync(Actors.Reception, id, March20ToApril18, null, preview);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        // 30 frozen days move the binding; 12 of them (03-20 … 03-31) were paid and are given back after 04-18.
        Assert.Equal(new DateOnly(2027, 1, 30), preview.After.BoundUntil);
        Assert.Equal(new DateOnly(2026, 4, 30), preview.After.BilledUntil);
        var stored = await s.StoredAsync(id);
        Assert.Equal(preview.After.BoundUntil, stored.BoundUntil);
        Assert.Equal(preview.After.BilledUntil, stored.BilledUntil);
        Assert.Equal(12, stored.SavedDays);
        Assert.Equal("Resa", Assert.Single(stored.Freezes).Reason);
        var fee = Assert.Single(stored.Charges, c => c.Kind == ChargeKind.FreezeFee);
        Assert.Equal(Money.FromKronor(100), fee.Amount);
        Assert.True(fee.IsOpen);

        var audit = Assert.Single(await s.AuditAsync());
        Assert.Equal("subscription.freeze", audit.Action);
        Assert.Equal(Actors.Reception.Id, audit.ActorId);
        Assert.Equal(stored.PersonId, audit.PersonId);
        Assert.Contains("\"BoundUntil\":\"2026-12-31\"", audit.Before, StringComparison.CurrentCulture);
        Assert.Contains("\"BoundUntil\":\"2027-01-30\"", audit.After, StringComparison.CurrentCulture);
        Assert.Contains("\"BilledUntil\":\"2026-04-30\"", audit.After, StringComparison.CurrentCulture);
        Assert.Contains("Frysningsavgift enligt produktens frysregel: 100 kr", audit.After, StringComparison.CurrentCulture);

        var change = Assert.Single(s.Feed.Published);
        Assert.Equal((stored.PersonId, id, stored.Version), (change.PersonId, change.SubscriptionId!.Value, change.Version));
        Assert.Equal("test", change.Database);
        Assert.Contains("2026-03-20 – 2026-04-18", change.Description, StringComparison.CurrentCulture);
        Assert.Equal(Actors.Reception.Name, change.ActorName);
    }

    [Fact]
    public async Task FreezeAsync_RefusedByTheRule_StoresNothingAndWritesNoAuditEntry()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var request = new FreezeRequest(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 22), null);
        var preview = (await s.LoadAsync(id)).PreviewFreeze(request, Actors.Reception);

        var result = await s.Operations.FreezeAsync(Actors.Reception, id, request, null, preview);

        Assert.False(preview.CanConfirm);
        Assert.Equal("freeze.min", result.FirstError?.Code);
        Assert.Empty((await s.StoredAsync(id)).Freezes);
        Assert.Empty(await s.AuditAsync());
        Assert.Empty(s.Feed.Published);
    }

    [Fact]
    public async Task FreezeAsync_StaleVersion_IsRefusedStoresNothingAndWorksAfterPreviewingAgain()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var mine = new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null);
        var theirs = new FreezeRequest(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), null);
        var myPreview = (await s.LoadAsync(id)).PreviewFreeze(mine, Actors.Reception);

        // Another tablet freezes the same subscription while my dialog is open.
        var theirPreview = (await s.LoadAsync(id)).PreviewFreeze(theirs, Actors.Reception);
        Assert.True((await s.Operations.FreezeAsync(Actors.Reception, id, theirs, null, theirPreview)).IsSuccess);
        var result = await s.Operations.FreezeAsync(Actors.Reception, id, mine, null, myPreview);

        Assert.Equal(OperationErrors.Stale, result.FirstError);
        Assert.True(OperationErrors.MeansPreviewAgain(result.FirstError));
        Assert.Equal(theirs.Start, Assert.Single((await s.StoredAsync(id)).Freezes).StartDate);
        Assert.Single(await s.AuditAsync());
        Assert.Single(s.Feed.Published);

        // Nothing lost: the dialog previews the same inputs on the new state and confirms.
        var again = (await s.LoadAsync(id)).PreviewFreeze(mine, Actors.Reception);
        Assert.NotEqual(myPreview.Version, again.Version);
        Assert.True((await s.Operations.FreezeAsync(Actors.Reception, id, mine, null, again)).IsSuccess);
        Assert.Equal(2, (await s.StoredAsync(id)).Freezes.Count);
    }

    [Fact]
    public async Task FreezeAsync_TwoTabletsConfirmAtOnce_OneWinsAndTheOtherIsRefused()
    {
        await using var file = await TestDatabaseFile.CreateAsync();
        var clock = new TestClock(TestClock.DefaultToday);
        var feed = new RecordingChangeFeed();
        var operations = new SubscriptionOperations(file.Factory, clock, feed, file.Database);
        int id;
        await using (var db = file.Factory.CreateDbContext())
        {
            var product = await TestData.AddProductAsync(db, price: 300);
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", SubscriptionScenario.SeedTime));
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            id = subscription.Id;
        }

        var a = new FreezeRequest(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null);
        var b = new FreezeRequest(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), null);
        var previewA = (await operations.LoadAsync(Actors.Reception, id)).Value.PreviewFreeze(a, Actors.Reception);
        var previewB = (await operations.LoadAsync(Actors.Reception, id)).Value.PreviewFreeze(b, Actors.Reception);

        var results = await Task.WhenAll(
            Task.Run(() => operations.FreezeAsync(Actors.Reception, id, a, null, previewA)),
            Task.Run(() => operations.FreezeAsync(Actors.Reception, id, b, null, previewB)));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(OperationErrors.Stale, Assert.Single(results, r => !r.IsSuccess).FirstError);
        await using var check = file.Factory.CreateDbContext();
        Assert.Single(check.Freezes);
        Assert.Single(check.AuditEntries);
        Assert.Single(feed.Published);
    }

    [Fact]
    public async Task ApplyAsync_TodayMovedSinceThePreview_IsRefusedAndStoresNothing()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var flex = await s.AddProductAsync("Flex", binding: 0);
        var id = await s.AddSubscriptionAsync(flex);
        var request = new CancelRequest("Flyttar", FinalPayment: false);
        var preview = (await s.LoadAsync(id)).PreviewCancel(request, Actors.Reception);
        Assert.Equal(new DateOnly(2026, 4, 15), preview.After.EndDate);

        s.Clock.SetToday(new DateOnly(2026, 3, 17));
        var result = await s.Operations.CancelAsync(Actors.Reception, id, request, preview);

        Assert.Equal(OperationErrors.OutcomeChanged, result.FirstError);
        Assert.False((await s.StoredAsync(id)).IsCancelled);
        Assert.Empty(await s.AuditAsync());
    }

    [Fact]
    public async Task FreezeAsync_WithoutTheReceptionRight_IsRefusedAndStoresNothing()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var preview = (await s.LoadAsync(id)).PreviewFreeze(March20ToApril18, Actors.Reception);

        var result = await s.Operations.FreezeAsync(Actors.Organisation, id, March20ToApril18, null, preview);

        Assert.Equal("right.missing", result.FirstError?.Code);
        Assert.Contains("Reception", result.FirstError!.Message, StringComparison.CurrentCulture);
        Assert.Empty((await s.StoredAsync(id)).Freezes);
        Assert.Empty(await s.AuditAsync());
    }

    [Fact]
    public async Task RemoveFreezeAsync_FreezeNotBegun_RestoresBothDatesAndVoidsTheUnpaidFee()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var freezePreview = (await s.LoadAsync(id)).PreviewFreeze(March20ToApril18, Actors.Reception);
        await s.Operations.FreezeAsync(Actors.Reception, id, March20ToApril18, null, freezePreview);
        var loaded = await s.LoadAsync(id);
        var freeze = Assert.Single(loaded.RemovableFreezes);

        var preview = loaded.PreviewRemoveFreeze(freeze.Id, Actors.Reception);
        var result = await s.Operations.RemoveFreezeAsync(Actors.Reception, id, freeze.Id, preview);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 31), stored.BoundUntil);
        Assert.Equal(new DateOnly(2026, 3, 31), stored.BilledUntil);
        Assert.Equal(12, stored.SavedDays);
        Assert.False(Assert.Single(stored.Charges, c => c.Kind == ChargeKind.FreezeFee).IsOpen);
        Assert.Contains(preview.Notes, n => n.Contains("makuleras", StringComparison.Ordinal));
        Assert.Equal(["subscription.freeze", "subscription.freeze.remove"], (await s.AuditAsync()).Select(a => a.Action));
    }

    [Theory]
    [InlineData(FreezeChange.Shorten, "2026-03-20", "2027-01-11", "2026-04-11")]
    [InlineData(FreezeChange.Extend, "2026-04-30", "2027-02-21", "2026-05-22")]
    public async Task ChangeFreezeEndAsync_OngoingFreeze_DatesAsIfMadeWithTheNewEnd(FreezeChange change, string newEnd, string bound, string billed)
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        // Made on 2026-03-01 for 03-10 … 04-10; today (03-16) it is in progress.
        await s.ArrangeAsync(id, (sub, p) => sub.Freeze(
            new FreezeRequest(new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 10), null), new OperationContext(new DateOnly(2026, 3, 1), p), "seed", SubscriptionScenario.SeedTime));
        var loaded = await s.LoadAsync(id);
        var ongoing = loaded.OngoingFreeze!;

        var preview = loaded.PreviewChangeFreezeEnd(ongoing.Id, change, DateOnly.Parse(newEnd, CultureInfo.InvariantCulture), Actors.Reception);
        var result = await s.Operations.ChangeFreezeEndAsync(Actors.Reception, id, ongoing.Id, change, DateOnly.Parse(newEnd, CultureInfo.InvariantCulture), null, preview);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var stored = await s.StoredAsync(id);
        Assert.Equal(DateOnly.Parse(bound, CultureInfo.InvariantCulture), stored.BoundUntil);
        Assert.Equal(DateOnly.Parse(billed, CultureInfo.InvariantCulture), stored.BilledUntil);
        Assert.Equal(DateOnly.Parse(newEnd, CultureInfo.InvariantCulture), Assert.Single(stored.Freezes).EndDate);
        Assert.Equal(change == FreezeChange.Shorten ? "subscription.freeze.shorten" : "subscription.freeze.extend", Assert.Single(await s.AuditAsync()).Action);
    }

    [Fact]
    public async Task MarkChargePaidAsync_OpenCharge_IsPaidOnceWithAnAuditEntry()
    {
        await using var s = await SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var preview = (await s.LoadAsync(id)).PreviewFreeze(March20ToApril18, Actors.Reception);
        await s.Operations.FreezeAsync(Actors.Reception, id, March20ToApril18, null, preview);
        var chargeId = (await s.StoredAsync(id)).Charges.Single(c => c.Kind == ChargeKind.FreezeFee).Id;

        var refused = await s.Operations.MarkChargePaidAsync(Actors.Organisation, id, chargeId);
        var paid = await s.Operations.MarkChargePaidAsync(Actors.Reception, id, chargeId);
        var twice = await s.Operations.MarkChargePaidAsync(Actors.Reception, id, chargeId);

        Assert.Equal("right.missing", refused.FirstError?.Code);
        Assert.True(paid.IsSuccess, paid.FirstError?.Message);
        Assert.Equal("charge.paid", twice.FirstError?.Code);
        var charge = (await s.StoredAsync(id)).Charges.Single(c => c.Id == chargeId);
        Assert.False(charge.IsOpen);
        Assert.Equal(Actors.Reception.Id, charge.PaidBy);
        var audit = await s.AuditAsync();
        Assert.Equal(["subscription.freeze", "subscription.charge.paid"], audit.Select(a => a.Action));
        Assert.Contains("\"Paid\":false", audit[1].Before, StringComparison.CurrentCulture);
        Assert.Contains("\"Paid\":true", audit[1].After, StringComparison.CurrentCulture);
        Assert.Equal(2, s.Feed.Published.Count);
    }
}
