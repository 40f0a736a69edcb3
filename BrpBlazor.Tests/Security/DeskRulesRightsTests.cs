using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Security;

/// <summary>Issue 20: blocking people and overriding the till rule are a supervisor's; the server refuses everyone else.</summary>
public sealed class DeskRulesRightsTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabaseFile database = default!;

    public async Task InitializeAsync() => database = await TestDatabaseFile.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Reception_BlockAndUnblock_AreRefusedAndWriteNothing()
    {
        await using var db = database.Factory.CreateDbContext();
        var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        var register = new PersonRegister(database.Factory, clock);

        var block = await register.BlockAsync(Actors.Reception, person.Id, "Bråk");
        await register.BlockAsync(Actors.Supervisor, person.Id, "Bråk");
        var unblock = await register.UnblockAsync(Actors.Reception, person.Id, "Förlåten");

        Assert.Equal("right.missing", block.FirstError!.Code);
        Assert.Equal("right.missing", unblock.FirstError!.Code);
        await using var check = database.Factory.CreateDbContext();
        Assert.Equal("Bråk", (await check.People.SingleAsync(p => p.Id == person.Id)).BlockedReason);
        Assert.Single(await check.AuditEntries.Where(a => a.Action.StartsWith("person.")).ToListAsync());
    }

    [Fact]
    public async Task Reception_OverridingUnpaidCharges_WithAReason_IsRefused()
    {
        int personId, organisationId, productId;
        await using (var db = database.Factory.CreateDbContext())
        {
            var gym = await TestData.AddProductAsync(db, "Gym", 399);
            var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, new DateOnly(2024, 1, 1), null, null, "seed", clock.UtcNow));
            var longAgo = new DateOnly(2026, 1, 10);
            subscription.Freeze(new FreezeRequest(longAgo.AddDays(1), longAgo.AddDays(14), null), new OperationContext(longAgo, gym), "seed", longAgo.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            (personId, organisationId, productId) = (person.Id, company.Id, gym.Id);
        }

        var service = new RedeemService(database.Factory, database.Database, clock, new InProcessChangeFeed());
        var result = await service.FinishAsync(
            Actors.Reception, personId, new RedeemRequest(organisationId, null, productId, clock.Today, true, null, null, "Jag tycker det är ok"), new RedeemSettings(3, false, 30));

        Assert.Equal("redeem.unpaid", result.FirstError!.Code);
        await using var check = database.Factory.CreateDbContext();
        Assert.False(await check.Subscriptions.AnyAsync(s => s.OrganisationId == organisationId));
    }
}

/// <summary>Issue 20.2: only a supervisor may book a downgrade during a binding the product does not allow it in.</summary>
public sealed class DowngradeRightsTests
{
    [Fact]
    public async Task Reception_OverridingTheBindingWithAReason_IsRefused_ASupervisorMay()
    {
        await using var s = await Application.Subscriptions.SubscriptionScenario.CreateAsync();
        var id = await s.AddSubscriptionAsync(await s.AddProductAsync());
        var basic = await s.AddProductAsync("Gym Bas", price: 200);
        var loaded = await s.LoadAsync(id);

        var receptionPreview = loaded.PreviewDowngrade(basic.Id, Actors.Reception, "Kunden är arbetslös");
        var byReception = await s.Operations.DowngradeAsync(Actors.Reception, id, basic.Id, "Kunden är arbetslös", receptionPreview);
        var supervisorPreview = loaded.PreviewDowngrade(basic.Id, Actors.Supervisor, "Arbetslös, intyg visat");
        var bySupervisor = await s.Operations.DowngradeAsync(Actors.Supervisor, id, basic.Id, "Arbetslös, intyg visat", supervisorPreview);

        Assert.False(receptionPreview.CanConfirm);
        Assert.Equal("downgrade.binding", byReception.FirstError!.Code);
        Assert.True(bySupervisor.IsSuccess, bySupervisor.FirstError?.Message);
        var audit = Assert.Single(await s.AuditAsync());
        Assert.Contains("Arbetslös, intyg visat", audit.Reason, StringComparison.CurrentCulture);
    }
}
