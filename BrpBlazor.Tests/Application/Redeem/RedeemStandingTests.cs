using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Redeem;

/// <summary>
/// Issue 20.1 (docs/decisions/072): a blocked person, or one with charges older than Brp:UnpaidDaysBlockRedeem
/// days at the till, is stopped at step 1 and by Slutför. Today is 2026-03-16 (Stockholm).
/// </summary>
public sealed class RedeemStandingTests : IAsyncLifetime
{
    private static readonly RedeemSettings Settings = new(MaxMonthsLeftOnPrivate: 3, NoticeFromTomorrow: false, UnpaidDaysBlockRedeem: 30);
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabaseFile database = default!;

    private DateOnly Today => clock.Today;

    public async Task InitializeAsync() => database = await TestDatabaseFile.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task BlockedPerson_IsStoppedWithTheReason_EvenForASupervisorWithAReason()
    {
        var (person, gym, company) = await ArrangeAsync();
        var blocked = await People().BlockAsync(Actors.Supervisor, person.Id, "Hotfullt beteende i receptionen");

        var standing = (await Service().CheckStandingAsync(Actors.Reception, person.Id, Settings)).Value;
        var byReception = await Service().FinishAsync(Actors.Reception, person.Id, Request(company, gym), Settings);
        var bySupervisor = await Service().FinishAsync(Actors.Supervisor, person.Id, Request(company, gym, "Chefen säger ok"), Settings);

        Assert.True(blocked.IsSuccess, blocked.FirstError?.Message);
        Assert.True(standing.IsBlocked);
        Assert.Contains("Hotfullt beteende i receptionen", standing.BlockedError!.Message, StringComparison.CurrentCulture);
        Assert.Equal("redeem.blocked", byReception.FirstError!.Code);
        Assert.Equal("redeem.blocked", bySupervisor.FirstError!.Code);
        await using var db = database.Factory.CreateDbContext();
        Assert.False(await db.Subscriptions.AnyAsync(s => s.OrganisationId == company.Id));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "person.block");
        Assert.Equal("Hotfullt beteende i receptionen", audit.Reason);
        Assert.Equal(person.Id, audit.PersonId);
    }

    [Fact]
    public async Task Unblocked_Person_MayRedeemAgain_AndTheLiftIsAudited()
    {
        var (person, gym, company) = await ArrangeAsync();
        await People().BlockAsync(Actors.Supervisor, person.Id, "Obetald skuld hos inkasso");

        var withoutReason = await People().UnblockAsync(Actors.Supervisor, person.Id, " ");
        var lifted = await People().UnblockAsync(Actors.Supervisor, person.Id, "Skulden betald");
        var finished = await Service().FinishAsync(Actors.Reception, person.Id, Request(company, gym), Settings);

        Assert.Equal(PersonBlockErrors.UnblockReasonRequired, withoutReason.FirstError);
        Assert.True(lifted.IsSuccess, lifted.FirstError?.Message);
        Assert.True(finished.IsSuccess, finished.FirstError?.Message);
        await using var db = database.Factory.CreateDbContext();
        Assert.Null((await db.People.SingleAsync(p => p.Id == person.Id)).BlockedReason);
        Assert.Equal("Skulden betald", (await db.AuditEntries.SingleAsync(a => a.Action == "person.unblock")).Reason);
    }

    [Theory]
    [InlineData(31, true)] // made 2026-02-13: 31 days old, older than 30
    [InlineData(30, false)] // made 2026-02-14: exactly 30 days old
    public async Task UnpaidCharge_OlderThanTheSetting_StopsWithTheAmount(int daysOld, bool stops)
    {
        var (person, gym, company) = await ArrangeAsync();
        await AddUnpaidFreezeFeeAsync(person.Id, gym.Id, Today.AddDays(-daysOld));

        var standing = (await Service().CheckStandingAsync(Actors.Reception, person.Id, Settings)).Value;
        var finished = await Service().FinishAsync(Actors.Reception, person.Id, Request(company, gym), Settings);

        Assert.Equal(stops, standing.HasOverdueCharges);
        if (stops)
        {
            Assert.Equal(Money.FromKronor(100), standing.OverdueAmount);
            Assert.Contains($"{Money.FromKronor(100)} obetalt", standing.OverdueError!.Message, StringComparison.CurrentCulture);
            Assert.Contains($"äldsta från {Today.AddDays(-daysOld):yyyy-MM-dd}", standing.OverdueError.Message, StringComparison.CurrentCulture);
            Assert.True(standing.OverdueError.Overridable);
            Assert.Equal("redeem.unpaid", finished.FirstError!.Code);
        }
        else
        {
            Assert.True(finished.IsSuccess, finished.FirstError?.Message);
        }
    }

    [Fact]
    public async Task UnpaidCharge_TheSettingDecidesHowOld()
    {
        var (person, gym, _) = await ArrangeAsync();
        await AddUnpaidFreezeFeeAsync(person.Id, gym.Id, Today.AddDays(-8));

        Assert.False(((await Service().CheckStandingAsync(Actors.Reception, person.Id, Settings)).Value).HasOverdueCharges);
        Assert.True(((await Service().CheckStandingAsync(Actors.Reception, person.Id, Settings with { UnpaidDaysBlockRedeem = 7 })).Value).HasOverdueCharges);
    }

    [Fact]
    public async Task UnpaidCharge_ASupervisorWithAWrittenReason_MayGoOn_AndTheReasonIsAudited()
    {
        var (person, gym, company) = await ArrangeAsync();
        await AddUnpaidFreezeFeeAsync(person.Id, gym.Id, Today.AddDays(-45));

        var withoutReason = await Service().FinishAsync(Actors.Supervisor, person.Id, Request(company, gym), Settings);
        var overridden = await Service().FinishAsync(Actors.Supervisor, person.Id, Request(company, gym, "Betalar på fakturan från arbetsgivaren"), Settings);

        Assert.Equal("redeem.unpaid", withoutReason.FirstError!.Code);
        Assert.True(overridden.IsSuccess, overridden.FirstError?.Message);
        await using var db = database.Factory.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "subscription.create.agreement");
        Assert.Equal("Betalar på fakturan från arbetsgivaren", audit.Reason);
        Assert.Contains("redeem.unpaid", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task PaidCharge_DoesNotStop()
    {
        var (person, gym, company) = await ArrangeAsync();
        var subscriptionId = await AddUnpaidFreezeFeeAsync(person.Id, gym.Id, Today.AddDays(-45));
        await using (var db = database.Factory.CreateDbContext())
        {
            var subscription = await db.Subscriptions.Include(s => s.Charges).SingleAsync(s => s.Id == subscriptionId);
            subscription.MarkChargePaid(subscription.Charges[0].Id, "kassa", clock.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.False(((await Service().CheckStandingAsync(Actors.Reception, person.Id, Settings)).Value).HasOverdueCharges);
        Assert.True((await Service().FinishAsync(Actors.Reception, person.Id, Request(company, gym), Settings)).IsSuccess);
    }

    private static RedeemRequest Request(Organisation company, Product product, string? overrideReason = null) =>
        new(company.Id, null, product.Id, TestClock.DefaultToday, true, null, null, overrideReason);

    private async Task<(Person Person, Product Gym, Organisation Company)> ArrangeAsync()
    {
        await using var db = database.Factory.CreateDbContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        return (person, gym, company);
    }

    /// <summary>
    /// A running private subscription without binding time left, with a freeze booked on <paramref name="madeOn"/>
    /// whose 100 kr fee is still open at the till.
    /// </summary>
    private async Task<int> AddUnpaidFreezeFeeAsync(int personId, int productId, DateOnly madeOn)
    {
        await using var db = database.Factory.CreateDbContext();
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        var subscription = Subscription.Create(new SubscriptionStart(personId, product, product.MonthlyPrice, new DateOnly(2024, 1, 1), null, null, "seed", clock.UtcNow));
        var madeUtc = madeOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var frozen = subscription.Freeze(new FreezeRequest(madeOn.AddDays(1), madeOn.AddDays(14), "Resa"), new OperationContext(madeOn, product), "seed", madeUtc);
        Assert.True(frozen.IsSuccess, frozen.FirstError?.Message);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    private RedeemService Service() => new(database.Factory, database.Database, clock, new InProcessChangeFeed());

    private PersonRegister People() => new(database.Factory, clock);
}
