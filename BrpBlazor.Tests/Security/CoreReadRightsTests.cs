using BrpBlazor.Core.Application.AuditLog;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// Every Core read that returns personal data checks the actor's right, as the commands do (issue 14 point 3,
/// docs/security.md): called by someone holding every other right it is refused, called with only the right
/// it needs it answers.
/// </summary>
public sealed class CoreReadRightsTests : IAsyncLifetime
{
    private static readonly RedeemSettings Settings = new(MaxMonthsLeftOnPrivate: 3, NoticeFromTomorrow: false);
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabase database = default!;
    private Arranged data = default!;

    /// <summary>Each read, and the rights of which the actor must hold one.</summary>
    public static TheoryData<string, Right[]> Reads() => new()
    {
        { "PersonSearch.SearchAsync", [Right.Reception] },
        { "PersonOverviewQuery.GetAsync", [Right.Reception] },
        { "PersonRegister.GetAsync", [Right.Reception] },
        { "SubscriptionOperations.LoadAsync", [Right.Reception] },
        { "RedeemSuggestions.ForAsync", [Right.Reception] },
        { "RedeemService.ProductChoicesAsync", [Right.Reception] },
        { "RedeemService.CheckPrivateMembershipAsync", [Right.Reception] },
        { "RedeemService.PreOrderStartAsync", [Right.Reception] },
        { "RedeemService.FindPersonAsync", [Right.Reception] },
        { "AuditLogQuery.GetAsync", [Right.Supervisor] },
        { "AuditLogQuery.ActorsAsync", [Right.Supervisor] },
        { "BillingRuns.PreviewAsync", [Right.Supervisor] },
        { "OrganisationRegister.GetEditorAsync", [Right.Supervisor, Right.Admin] },
        { "PreOrderQueries.ListAsync", [Right.Organisation] },
        { "PreOrderQueries.GetAsync", [Right.Organisation] },
        { "PreOrderQueries.CountAsync", [Right.Organisation] },
    };

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        var subscription = Subscription.Create(new SubscriptionStart(
            person.Id, gym, Money.FromKronor(399), clock.Today.AddMonths(-2), null, null, "test", clock.UtcNow));
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Audit.Entry(StaffActor.System, clock.UtcNow, "test", "Person", person.Id, "Test", null, null, personId: person.Id));
        await db.SaveChangesAsync();
        var walkIn = TestData.NextPersonnummer();
        var preOrder = await TestData.AddPreOrderAsync(db, company, gym, new DateRange(clock.Today.AddDays(-1), clock.Today.AddMonths(1)), "Nils Nyman", walkIn);
        data = new Arranged(person, company.Id, subscription.Id, preOrder.Id, walkIn);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_WithEveryRightButTheOneItNeeds_IsRefused(string read, Right[] needed)
    {
        var actor = Actors.With(Rights.All.Except(needed).ToArray());

        var result = await CallAsync(read, actor);

        Assert.False(result.IsSuccess, $"{read} answered {actor.Name}");
        Assert.Equal("right.missing", result.FirstError!.Code);
        Assert.Contains(Rights.Label(needed[0]), result.FirstError.Message, StringComparison.CurrentCulture);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_WithNoRightAtAll_IsRefused(string read, Right[] needed)
    {
        Assert.NotEmpty(needed);

        var result = await CallAsync(read, Actors.Nobody);

        Assert.Equal("right.missing", result.FirstError?.Code);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_WithEachRightItAccepts_Answers(string read, Right[] needed)
    {
        foreach (var right in needed)
        {
            var result = await CallAsync(read, Actors.With(right));

            Assert.True(result.IsSuccess, $"{read} with {right}: {result.FirstError}");
        }
    }

    [Fact]
    public async Task OrganisationOverview_WithoutTheOrganisationRight_HasNoPreOrderCounts()
    {
        var queries = new OrganisationQueries(database.Factory, clock);

        var reception = await queries.GetAsync(Actors.Reception, data.OrganisationId);
        var organisation = await queries.GetAsync(Actors.Organisation, data.OrganisationId);

        Assert.NotNull(reception);
        Assert.Null(reception.PreOrders);
        Assert.Equal(1, organisation!.PreOrders!.Open);
    }

    private async Task<Result> CallAsync(string read, StaffActor actor)
    {
        var subscriptions = new SubscriptionOperations(database.Factory, clock, new InProcessChangeFeed(), database.Database);
        var redeem = new RedeemService(database.Factory, database.Database, clock, new InProcessChangeFeed());
        var preOrders = new PreOrderQueries(database.Factory, clock);
        var identity = RedeemIdentity.Of(data.Person);
        return read switch
        {
            "PersonSearch.SearchAsync" => await new PersonSearch(database.Factory, clock).SearchAsync(actor, "Öberg"),
            "PersonOverviewQuery.GetAsync" => await new PersonOverviewQuery(database.Factory).GetAsync(actor, data.Person.Id),
            "PersonRegister.GetAsync" => await new PersonRegister(database.Factory, clock).GetAsync(actor, data.Person.Id),
            "SubscriptionOperations.LoadAsync" => await subscriptions.LoadAsync(actor, data.SubscriptionId),
            "RedeemSuggestions.ForAsync" => await new RedeemSuggestions(database.Factory).ForAsync(actor, identity, clock.Today),
            "RedeemService.ProductChoicesAsync" => await redeem.ProductChoicesAsync(actor, data.OrganisationId, identity),
            "RedeemService.CheckPrivateMembershipAsync" => await redeem.CheckPrivateMembershipAsync(actor, data.Person.Id, Settings),
            "RedeemService.PreOrderStartAsync" => await redeem.PreOrderStartAsync(actor, data.WalkIn, data.PreOrderId),
            "RedeemService.FindPersonAsync" => await redeem.FindPersonAsync(actor, data.Person.Personnummer!.Value),
            "AuditLogQuery.GetAsync" => await new AuditLogQuery(database.Factory).GetAsync(actor, new AuditFilter(), 0, 10),
            "AuditLogQuery.ActorsAsync" => await new AuditLogQuery(database.Factory).ActorsAsync(actor),
            "BillingRuns.PreviewAsync" => await new BillingRuns(database.Factory, clock, subscriptions).PreviewAsync(actor, clock.Today.AddMonths(1)),
            "OrganisationRegister.GetEditorAsync" => await new OrganisationRegister(database.Factory, clock).GetEditorAsync(actor, data.OrganisationId),
            "PreOrderQueries.ListAsync" => await preOrders.ListAsync(actor, new PreOrderListRequest(new PreOrderFilter(data.OrganisationId))),
            "PreOrderQueries.GetAsync" => await preOrders.GetAsync(actor, data.OrganisationId, data.PreOrderId),
            "PreOrderQueries.CountAsync" => await preOrders.CountAsync(actor, data.OrganisationId),
            _ => throw new ArgumentOutOfRangeException(nameof(read), read, "No such read in the table"),
        };
    }

    private sealed record Arranged(Person Person, int OrganisationId, int SubscriptionId, int PreOrderId, Personnummer WalkIn);
}
