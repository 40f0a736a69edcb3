using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Core.Domain.Redeem;

/// <summary>What the member gets: product, monthly price, start, bundet t.o.m., slutdatum (fixed term) and uppsägningstid.</summary>
public sealed record RedeemSummary(string ProductName, Money MonthlyPrice, DateOnly StartDate, DateOnly? BoundUntil, DateOnly? EndDate, int NoticeMonths)
{
    /// <summary>The dates <see cref="Subscription.Create"/> will give a subscription of <paramref name="product"/> from <paramref name="startDate"/>.</summary>
    public static RedeemSummary Of(Product product, Money monthlyPrice, DateOnly startDate)
    {
        DateOnly? boundUntil = product.BindingMonths > 0 ? Calendar.EndOfMonthsFrom(startDate, product.BindingMonths) : null;
        return new RedeemSummary(product.Name, monthlyPrice, startDate, boundUntil, product.Kind == ProductKind.FixedTerm ? boundUntil : null, product.NoticeMonths);
    }
}

/// <summary>An open pre-order of the chosen organisation that matches the person and may be redeemed today.</summary>
public sealed record RedeemablePreOrder(int PreOrderId, string ProductName);

/// <summary>What staff chose in the wizard.</summary>
/// <param name="PreOrderVersion">The version of the pre-order the wizard showed; another tablet's redeem changes it.</param>
public sealed record RedemptionChoice(int ProductId, DateOnly StartDate, int? PreOrderId, int? PreOrderVersion, string? OverrideReason);

/// <summary>The member's side of the rules: standing and current subscriptions. A person being registered has none.</summary>
/// <param name="Products">The products of <paramref name="Subscriptions"/>, by id.</param>
public sealed record RedemptionMember(PersonStanding Standing, IReadOnlyList<Subscription> Subscriptions, IReadOnlyDictionary<int, Product> Products);

/// <summary>
/// Everything the redeem rules read. "Today" is a parameter: a preview never reads a clock.
/// </summary>
/// <param name="Organisation">The chosen organisation with its price list; null when it does not exist.</param>
/// <param name="Product">The chosen product; null when it does not exist.</param>
/// <param name="PreOrder">The pre-order staff chose, as stored; null when none was chosen or it does not exist.</param>
/// <param name="Redeemable">The organisation's pre-orders that match the person and are open and valid today.</param>
/// <param name="Member">Null for a person being registered (no standing, no subscriptions yet).</param>
public sealed record RedemptionContext(
    DateOnly Today,
    IReadOnlySet<Right> ActorRights,
    RedeemSettings Settings,
    Organisation? Organisation,
    Product? Product,
    PreOrder? PreOrder,
    IReadOnlyList<RedeemablePreOrder> Redeemable,
    RedemptionMember? Member);

/// <summary>
/// The pure half of Slutför: the summary the Bekräfta step shows, what stands in the way and which refusals a
/// supervisor's reason overrides. <see cref="Redemption.Apply"/> creates exactly what it shows.
/// </summary>
public sealed class RedemptionPreview
{
    public RedeemSummary? Summary { get; init; }

    /// <summary>In the order the rules are checked; the first one not overridden is the refusal.</summary>
    public IReadOnlyList<Error> Errors { get; init; } = [];

    public bool OverrideGranted { get; init; }

    /// <summary>The codes of the refusals the supervisor's reason overrides (stored in the audit entry).</summary>
    public IReadOnlyList<string> Overrides => OverrideGranted ? Errors.Where(e => e.Overridable).Select(e => e.Code).ToList() : [];

    public Error? Refusal => Errors.FirstOrDefault(e => !(e.Overridable && OverrideGranted));

    public bool CanConfirm => Refusal is null;

    public bool Has(Error error) => Errors.Any(e => e.Code == error.Code);
}

/// <summary>
/// Utnyttja avtal/förbeställning's rules (domain.md §5, docs/decisions/100): a start in the past needs a supervisor's
/// reason, a pre-order locks the product, otherwise the product must be on the price list, and a blocked person, old
/// unpaid charges or a private membership with too many months left stop the member (the last two overridable).
/// </summary>
public sealed class Redemption
{
    private readonly DateOnly today;

    private Redemption(Subscription subscription, Organisation organisation, Product product, PreOrder? preOrder, IReadOnlyList<string> overrides, DateOnly today)
    {
        Subscription = subscription;
        Organisation = organisation;
        Product = product;
        PreOrder = preOrder;
        Overrides = overrides;
        this.today = today;
    }

    public Subscription Subscription { get; }

    public Organisation Organisation { get; }

    public Product Product { get; }

    public PreOrder? PreOrder { get; }

    /// <summary>The codes of the refusals a supervisor's reason overrode.</summary>
    public IReadOnlyList<string> Overrides { get; }

    public Money MonthlyPrice => Subscription.MonthlyPrice;

    public static RedemptionPreview Preview(RedemptionChoice choice, RedemptionContext context)
    {
        var errors = new List<Error>();
        var granted = context.ActorRights.Contains(Right.Supervisor) && !string.IsNullOrWhiteSpace(choice.OverrideReason);
        RedemptionPreview Done(RedeemSummary? summary = null) => new() { Errors = errors, OverrideGranted = granted, Summary = summary };

        if (choice.StartDate < context.Today)
        {
            errors.Add(RedeemErrors.StartInPast);
        }

        if (context.Organisation is not { } organisation)
        {
            errors.Add(RedeemErrors.OrganisationNotFound);
            return Done();
        }

        if (context.Product is not { } product || product.Id != choice.ProductId || product.IsAddOn)
        {
            errors.Add(RedeemErrors.ProductNotOffered);
            return Done();
        }

        var summary = RedeemSummary.Of(product, organisation.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice, choice.StartDate);
        if (ProductError(choice, context, organisation, product) is { } refused)
        {
            errors.Add(refused);
            return Done(summary);
        }

        if (context.Member is { } member)
        {
            if (member.Standing.BlockedError is { } blocked)
            {
                errors.Add(blocked);
                return Done(summary);
            }

            if (member.Standing.OverdueError is { } overdue)
            {
                errors.Add(overdue);
            }

            var check = PrivateMembershipCheck.Of(member.Subscriptions, member.Products, context.Today, context.Settings);
            if (check.Blocks)
            {
                errors.Add(RedeemErrors.PrivateMembership(check.Message!));
            }
        }

        return Done(summary);
    }

    /// <summary>The subscription the preview shows, for a person who exists (a new one has been saved first).</summary>
    public static Result<Redemption> Apply(RedemptionChoice choice, RedemptionContext context, int personId, string actorId, DateTime nowUtc)
    {
        var preview = Preview(choice, context);
        if (preview.Refusal is { } refused)
        {
            return refused;
        }

        var organisation = context.Organisation!;
        var product = context.Product!;
        var preOrder = choice.PreOrderId is null ? null : context.PreOrder;
        var subscription = Subscription.Create(new SubscriptionStart(
            personId, product, preview.Summary!.MonthlyPrice, choice.StartDate, organisation.Id, preOrder?.Id, actorId, nowUtc));
        return new Redemption(subscription, organisation, product, preOrder, preview.Overrides, context.Today);
    }

    /// <summary>Once the subscription has its id: the pre-order becomes redeemed into it. Another tablet's redeem first refuses.</summary>
    public Result RedeemPreOrder(DateTime nowUtc)
    {
        if (PreOrder is null)
        {
            return Result.Success();
        }

        return PreOrder.Redeem(Subscription.Id, today, nowUtc).IsSuccess ? Result.Success() : RedeemErrors.AlreadyRedeemedByOther;
    }

    private static Error? ProductError(RedemptionChoice choice, RedemptionContext context, Organisation organisation, Product product)
    {
        if (choice.PreOrderId is { } preOrderId)
        {
            if (context.PreOrder is not { } preOrder || preOrder.Id != preOrderId || preOrder.OrganisationId != organisation.Id)
            {
                return RedeemErrors.PreOrderNotAtOrganisation;
            }

            if (preOrder.Status == PreOrderStatus.Redeemed || (choice.PreOrderVersion is { } seen && seen != preOrder.Version))
            {
                return RedeemErrors.AlreadyRedeemedByOther;
            }

            if (!preOrder.IsRedeemable(context.Today) || context.Redeemable.All(r => r.PreOrderId != preOrderId))
            {
                return preOrder.Status == PreOrderStatus.Withdrawn ? PreOrderErrors.Withdrawn : PreOrderErrors.OutsideValidity(preOrder.Validity);
            }

            return preOrder.ProductId == product.Id
                ? null
                : RedeemErrors.LockedToPreOrder(context.Redeemable.First(r => r.PreOrderId == preOrderId).ProductName);
        }

        if (context.Redeemable.Count > 0)
        {
            // The organisation holds a pre-order for this person: only the pre-ordered product may be chosen.
            return RedeemErrors.LockedToPreOrder(context.Redeemable[0].ProductName);
        }

        return organisation.PriceFor(product.Id) is null || product.IsRetired ? RedeemErrors.ProductNotOffered : null;
    }
}
