using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Application.Redeem;

/// <summary>A product the wizard's Produkt step offers, at the price the member will pay.</summary>
public sealed record ProductChoice(int ProductId, string Name, Money MonthlyPrice, ProductKind Kind, int BindingMonths, int NoticeMonths, int? PreOrderId)
{
    /// <summary>The Bekräfta step's summary for a start date.</summary>
    public RedeemSummary SummaryFrom(DateOnly startDate)
    {
        DateOnly? boundUntil = BindingMonths > 0 ? Calendar.EndOfMonthsFrom(startDate, BindingMonths) : null;
        return new RedeemSummary(Name, MonthlyPrice, startDate, boundUntil, Kind == ProductKind.FixedTerm ? boundUntil : null, NoticeMonths);
    }
}

/// <summary>What the member gets: product, monthly price, start, bundet t.o.m., slutdatum (fixed term) and uppsägningstid.</summary>
public sealed record RedeemSummary(string ProductName, Money MonthlyPrice, DateOnly StartDate, DateOnly? BoundUntil, DateOnly? EndDate, int NoticeMonths);

/// <summary>A pre-order to start registering a walk-in employee from (Registrera ny organisationskund).</summary>
public sealed record PreOrderStart(int PreOrderId, string Name, string? PersonnummerText, DateOnly BirthDate, string? Email, int OrganisationId, string OrganisationName);

/// <summary>
/// The Produkt step: locked to the pre-ordered product when the organisation holds a pre-order for the person,
/// otherwise the organisation's price list.
/// </summary>
public sealed record ProductStepModel(IReadOnlyList<ProductChoice> Choices, bool LockedByPreOrder, string Explanation);

/// <summary>BRP's rule: a person whose running private subscription has more months left may not switch without an override.</summary>
public sealed record PrivateMembershipCheck(bool Blocks, string? Message)
{
    public static PrivateMembershipCheck Clear { get; } = new(false, null);
}

/// <summary>Settings the redeem flow follows (from appsettings, Brp section).</summary>
/// <param name="UnpaidDaysBlockRedeem">Open charges older than this many days stop the wizard (BRP's rule).</param>
public sealed record RedeemSettings(int MaxMonthsLeftOnPrivate, bool NoticeFromTomorrow, int UnpaidDaysBlockRedeem = RedeemSettings.DefaultUnpaidDaysBlockRedeem)
{
    public const int DefaultUnpaidDaysBlockRedeem = 30;
}

/// <summary>
/// BRP's rule for step 1: a blocked person is stopped (a supervisor lifts the block on the person page), and so is a
/// person with open charges older than <see cref="RedeemSettings.UnpaidDaysBlockRedeem"/> days unless a supervisor overrides.
/// </summary>
public sealed record PersonStanding(string? BlockedReason, Money OverdueAmount, int OverdueCount, DateOnly? OldestOverdue, int UnpaidDays)
{
    public static PersonStanding Clear { get; } = new(null, Money.Zero, 0, null, RedeemSettings.DefaultUnpaidDaysBlockRedeem);

    public bool IsBlocked => BlockedReason is not null;

    public bool HasOverdueCharges => OverdueCount > 0;

    public Error? BlockedError => BlockedReason is { } reason ? RedeemErrors.Blocked(reason) : null;

    public Error? OverdueError => HasOverdueCharges ? RedeemErrors.UnpaidCharges(OverdueAmount, OverdueCount, OldestOverdue!.Value, UnpaidDays) : null;
}

/// <summary>What the wizard's Slutför sends. Nothing is saved before it.</summary>
/// <param name="PreOrderVersion">The version of the pre-order the wizard showed; another tablet's redeem changes it.</param>
public sealed record RedeemRequest(
    int OrganisationId,
    int? PreOrderId,
    int ProductId,
    DateOnly StartDate,
    bool IdentityChecked,
    string? Email,
    string? Phone,
    string? OverrideReason = null,
    int? PreOrderVersion = null);

public sealed record RedeemOutcome(int PersonId, int SubscriptionId);

public static class RedeemErrors
{
    public static readonly Error IdentityNotChecked = new("redeem.id", "Bekräfta att du har kontrollerat en giltig legitimation");
    public static readonly Error OrganisationNotFound = new("redeem.organisation", "Organisationen finns inte");
    public static readonly Error PersonNotFound = new("redeem.person", "Personen finns inte");
    public static readonly Error ProductNotOffered = new("redeem.product", "Produkten finns inte på organisationens prislista");
    public static readonly Error AlreadyRedeemedByOther = new("redeem.taken", "Förbeställningen har just utnyttjats från en annan enhet. Ingenting sparades – öppna personen igen för att se abonnemanget.");
    public static readonly Error NoPreOrderStart = new("redeem.preorder.start", "Det finns ingen öppen förbeställning för det sökta personnumret. Sök på personnumret igen.");
    public static readonly Error Busy = new("redeem.busy", "Databasen är upptagen just nu. Ingenting sparades – försök igen om en stund.");
    public static readonly Error SaveFailed = new("redeem.save", "Abonnemanget kunde inte sparas. Ingenting sparades – försök igen.");
    public static readonly Error StartInPast = new("redeem.start.past", "Startdatum har passerat – kräver arbetsledare och en skriftlig orsak") { Overridable = true };

    public static Error LockedToPreOrder(string productName) =>
        new("redeem.locked", $"Organisationen har en förbeställning för personen: bara den förbeställda produkten ({productName}) kan väljas");

    public static Error Blocked(string reason) =>
        new("redeem.blocked", $"Personen är spärrad: {reason}. En arbetsledare kan häva spärren på personkortet.");

    public static Error UnpaidCharges(Money amount, int count, DateOnly oldest, int days) =>
        new("redeem.unpaid", $"Personen har {amount} obetalt i kassan ({count} {(count == 1 ? "avgift" : "avgifter")}, äldsta från {oldest:yyyy-MM-dd}, mer än {days} dagar gammal). " +
            "Ta betalt i kassan först; en arbetsledare kan göra undantag med en skriftlig orsak.") { Overridable = true };

    public static Error PrivateMembership(string message) => new("redeem.private", message) { Overridable = true };

    public static Error PersonExists(int personId) =>
        new("redeem.person.exists", "Personnumret finns redan i registret") { ExistingPersonId = personId };
}
