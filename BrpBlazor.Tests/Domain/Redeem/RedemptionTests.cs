using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Domain.Redeem;

/// <summary>
/// The redeem rules without a database (domain.md §5, docs/decisions/100): today is 2026-03-10, the organisation's
/// price list has Gym 12 mån at 90 kr (list price 100 kr), and Yoga is a product it does not offer.
/// </summary>
public class RedemptionTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlySet<Right> Receptionist = new HashSet<Right> { Right.Reception };
    private static readonly IReadOnlySet<Right> Supervisor = new HashSet<Right> { Right.Reception, Right.Supervisor };
    private static readonly RedeemSettings Settings = new(MaxMonthsLeftOnPrivate: 3, NoticeFromTomorrow: false, UnpaidDaysBlockRedeem: 30);

    private readonly Product gym = WithId(TestData.Product("Gym 12 mån", price: 100, binding: 12, notice: 1), 1);
    private readonly Product yoga = WithId(TestData.Product("Yoga 6 mån", price: 80, binding: 6, notice: 1), 2);
    private readonly Organisation organisation;

    public RedemptionTests()
    {
        organisation = WithId(Organisation.Create(new OrganisationDetails("Volvo", TestData.NextOrganisationsnummer(), null, true)).Value, 7);
        organisation.SetPrice(gym, Money.FromKronor(90));
    }

    [Fact]
    public void Preview_AProductOnThePriceListFromToday_ShowsTheOrganisationsPriceAndTheBindingAndMayConfirm()
    {
        var preview = Redemption.Preview(Choice(gym), Context(gym));

        Assert.True(preview.CanConfirm);
        Assert.Empty(preview.Errors);
        Assert.Equal(new RedeemSummary("Gym 12 mån", Money.FromKronor(90), Today, new DateOnly(2027, 3, 9), null, 1), preview.Summary);
    }

    [Fact]
    public void Preview_StartInThePast_IsRefused_ForAReceptionistAndForASupervisorWithoutAReason()
    {
        var yesterday = Today.AddDays(-1);

        var receptionist = Redemption.Preview(Choice(gym, start: yesterday, reason: "Kom i går"), Context(gym, Receptionist));
        var silentSupervisor = Redemption.Preview(Choice(gym, start: yesterday), Context(gym, Supervisor));

        Assert.Equal(RedeemErrors.StartInPast.Code, receptionist.Refusal?.Code);
        Assert.Equal(RedeemErrors.StartInPast.Code, silentSupervisor.Refusal?.Code);
        Assert.False(receptionist.CanConfirm);
        Assert.Empty(receptionist.Overrides);
    }

    [Fact]
    public void Apply_StartInThePastWithASupervisorsReason_CreatesTheSubscriptionFromThatDayAndRecordsTheOverride()
    {
        var start = new DateOnly(2026, 3, 1);

        var applied = Redemption.Apply(Choice(gym, start: start, reason: "Tränade redan från den 1:a"), Context(gym, Supervisor), personId: 5, "staff-1", Now);

        Assert.True(applied.IsSuccess, applied.FirstError?.Message);
        Assert.Equal([RedeemErrors.StartInPast.Code], applied.Value.Overrides);
        var subscription = applied.Value.Subscription;
        Assert.Equal((5, 1, 7, start), (subscription.PersonId, subscription.ProductId, subscription.OrganisationId!.Value, subscription.StartDate));
        Assert.Equal(Money.FromKronor(90), subscription.MonthlyPrice);
        Assert.Equal(new DateOnly(2027, 2, 28), subscription.BoundUntil);
    }

    [Fact]
    public void Preview_AProductNotOnThePriceList_IsNotOffered_AndARetiredOneNeither()
    {
        var notOnList = Redemption.Preview(Choice(yoga), Context(yoga));
        gym.Retire();
        var retired = Redemption.Preview(Choice(gym), Context(gym));

        Assert.Equal(RedeemErrors.ProductNotOffered.Code, notOnList.Refusal?.Code);
        Assert.Equal(RedeemErrors.ProductNotOffered.Code, retired.Refusal?.Code);
    }

    [Fact]
    public void Preview_TheOrganisationHoldsAPreOrderForThePerson_LocksTheProductEvenWithoutChoosingIt()
    {
        var preview = Redemption.Preview(Choice(gym), Context(gym) with { Redeemable = [new RedeemablePreOrder(30, "Yoga 6 mån")] });

        Assert.Equal("redeem.locked", preview.Refusal?.Code);
        Assert.Contains("Yoga 6 mån", preview.Refusal!.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public void Preview_APreOrderForAnotherProduct_LocksTheProductToThePreOrdered()
    {
        var preOrder = PreOrderFor(yoga);

        var preview = Redemption.Preview(Choice(gym, preOrder), Context(gym, preOrder: preOrder));

        Assert.Equal("redeem.locked", preview.Refusal?.Code);
    }

    [Fact]
    public void Apply_AnOpenPreOrder_CreatesItsSubscriptionAndRedeemsThePreOrderIntoIt()
    {
        var preOrder = PreOrderFor(gym);

        var applied = Redemption.Apply(Choice(gym, preOrder), Context(gym, preOrder: preOrder), personId: 5, "staff-1", Now);
        Assert.True(applied.IsSuccess, applied.FirstError?.Message);
        var redeemed = applied.Value.RedeemPreOrder(Now);

        Assert.True(redeemed.IsSuccess);
        Assert.Equal(30, applied.Value.Subscription.PreOrderId);
        Assert.Equal(PreOrderStatus.Redeemed, preOrder.Status);
    }

    [Fact]
    public void Preview_APreOrderRedeemedOrChangedSinceTheWizardShowedIt_IsTakenByAnotherTablet()
    {
        var redeemed = PreOrderFor(gym);
        redeemed.Redeem(99, Today, Now);
        var changed = PreOrderFor(gym);

        var afterRedeem = Redemption.Preview(Choice(gym, redeemed), Context(gym, preOrder: redeemed));
        var afterChange = Redemption.Preview(Choice(gym, changed) with { PreOrderVersion = changed.Version + 1 }, Context(gym, preOrder: changed));

        Assert.Equal(RedeemErrors.AlreadyRedeemedByOther.Code, afterRedeem.Refusal?.Code);
        Assert.Equal(RedeemErrors.AlreadyRedeemedByOther.Code, afterChange.Refusal?.Code);
    }

    [Fact]
    public void Preview_APreOrderOutsideItsValidityOrWithdrawn_SaysWhich()
    {
        var expired = PreOrderFor(gym, new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 9)));
        var withdrawn = PreOrderFor(gym);
        withdrawn.Withdraw("Slutat", "staff-1", Now);

        var afterExpiry = Redemption.Preview(Choice(gym, expired), Context(gym, preOrder: expired));
        var afterWithdrawal = Redemption.Preview(Choice(gym, withdrawn), Context(gym, preOrder: withdrawn) with { Redeemable = [] });

        Assert.Equal(PreOrderErrors.OutsideValidity(expired.Validity).Code, afterExpiry.Refusal?.Code);
        Assert.Equal(PreOrderErrors.Withdrawn.Code, afterWithdrawal.Refusal?.Code);
    }

    [Fact]
    public void Preview_APreOrderOfAnotherOrganisation_IsNotFoundThere()
    {
        var preOrder = PreOrderFor(gym, organisationId: 8);

        var preview = Redemption.Preview(Choice(gym, preOrder), Context(gym, preOrder: preOrder));

        Assert.Equal(RedeemErrors.PreOrderNotAtOrganisation.Code, preview.Refusal?.Code);
    }

    [Fact]
    public void Preview_ABlockedMember_IsRefused_EvenWithASupervisorsReason()
    {
        var blocked = Member(PersonStanding.Of("Hotfullt beteende", [], Today, 30));

        var preview = Redemption.Preview(Choice(gym, reason: "Vill ändå"), Context(gym, Supervisor) with { Member = blocked });

        Assert.Equal("redeem.blocked", preview.Refusal?.Code);
        Assert.False(preview.CanConfirm);
    }

    [Fact]
    public void Preview_ChargesUnpaidForMoreThan30Days_StopAReceptionist_AndASupervisorsReasonOverridesThem()
    {
        var charges = new[] { new UnpaidCharge(Money.FromKronor(100), Today.AddDays(-31)), new UnpaidCharge(Money.FromKronor(50), Today.AddDays(-30)) };
        var member = Member(PersonStanding.Of(null, charges, Today, 30));

        var receptionist = Redemption.Preview(Choice(gym), Context(gym) with { Member = member });
        var supervisor = Redemption.Preview(Choice(gym, reason: "Betalar i kassan nu"), Context(gym, Supervisor) with { Member = member });

        Assert.Equal("redeem.unpaid", receptionist.Refusal?.Code);
        Assert.Contains("100 kr", receptionist.Refusal!.Message, StringComparison.CurrentCulture);
        Assert.DoesNotContain("150 kr", receptionist.Refusal.Message, StringComparison.CurrentCulture);
        Assert.True(supervisor.CanConfirm);
        Assert.Equal(["redeem.unpaid"], supervisor.Overrides);
    }

    [Fact]
    public void Preview_APrivateMembershipWithMoreThan3MonthsLeft_StopsAReceptionist_AndASupervisorsReasonOverridesIt()
    {
        var privateGym = Subscription.Create(new SubscriptionStart(5, yoga, yoga.MonthlyPrice, new DateOnly(2026, 2, 1), null, null, "staff-1", Now));
        var member = new RedemptionMember(PersonStanding.Clear, [privateGym], new Dictionary<int, Product> { [yoga.Id] = yoga });

        var receptionist = Redemption.Preview(Choice(gym), Context(gym) with { Member = member });
        var supervisor = Redemption.Preview(Choice(gym, reason: "Flyttar sitt privata"), Context(gym, Supervisor) with { Member = member });

        Assert.Equal(RedeemErrors.PrivateMembershipCode, receptionist.Refusal?.Code);
        Assert.Contains("2026-07-31", receptionist.Refusal!.Message, StringComparison.CurrentCulture);
        Assert.Equal([RedeemErrors.PrivateMembershipCode], supervisor.Overrides);
        Assert.True(supervisor.CanConfirm);
    }

    [Fact]
    public void Preview_APrivateMembershipEndingWithin3Months_OrAnOrganisationsOne_DoesNotStop()
    {
        var unbound = WithId(TestData.Product("Gym utan bindning", binding: 0, notice: 1), 3);
        var shortPrivate = Subscription.Create(new SubscriptionStart(5, unbound, Money.FromKronor(100), new DateOnly(2025, 1, 1), null, null, "staff-1", Now));
        var organisations = Subscription.Create(new SubscriptionStart(5, yoga, yoga.MonthlyPrice, new DateOnly(2026, 2, 1), 8, null, "staff-1", Now));
        var member = new RedemptionMember(PersonStanding.Clear, [shortPrivate, organisations], new Dictionary<int, Product> { [unbound.Id] = unbound, [yoga.Id] = yoga });

        var preview = Redemption.Preview(Choice(gym), Context(gym) with { Member = member });

        Assert.True(preview.CanConfirm, preview.Refusal?.Message);
    }

    [Fact]
    public void Apply_ARefusedChoice_CreatesNothing()
    {
        var applied = Redemption.Apply(Choice(yoga), Context(yoga), personId: 5, "staff-1", Now);

        Assert.False(applied.IsSuccess);
        Assert.Equal(RedeemErrors.ProductNotOffered.Code, applied.FirstError?.Code);
    }

    [Fact]
    public void Preview_AMissingOrganisation_IsRefusedBeforeTheProductIsLookedAt()
    {
        var preview = Redemption.Preview(Choice(gym), Context(gym) with { Organisation = null });

        Assert.Equal([RedeemErrors.OrganisationNotFound.Code], preview.Errors.Select(e => e.Code));
        Assert.Null(preview.Summary);
    }

    private static RedemptionChoice Choice(Product product, PreOrder? preOrder = null, DateOnly? start = null, string? reason = null) =>
        new(product.Id, start ?? Today, preOrder?.Id, preOrder?.Version, reason);

    private RedemptionContext Context(Product product, IReadOnlySet<Right>? rights = null, PreOrder? preOrder = null) =>
        new(Today, rights ?? Receptionist, Settings, organisation, product, preOrder,
            preOrder is { } p && p.IsRedeemable(Today) ? [new RedeemablePreOrder(p.Id, p.ProductId == gym.Id ? gym.Name : yoga.Name)] : [],
            Member: null);

    private static RedemptionMember Member(PersonStanding standing) => new(standing, [], new Dictionary<int, Product>());

    private PreOrder PreOrderFor(Product product, DateRange? validity = null, int? organisationId = null) =>
        WithId(PreOrder.Create(
            new PreOrderDraft(organisationId ?? organisation.Id, product.Id, validity ?? new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), "Anna Andersson", TestData.NextPersonnummer(), default, null),
            "staff-1", Now), 30);

    private static T WithId<T>(T entity, int id)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }
}
