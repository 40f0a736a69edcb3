using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Redeem;

/// <summary>The refusals of Utnyttja avtal/förbeställning, declared once (domain.md §5).</summary>
public static class RedeemErrors
{
    public static readonly Error IdentityNotChecked = new("redeem.id", "Bekräfta att du har kontrollerat en giltig legitimation");
    public static readonly Error OrganisationNotFound = new("redeem.organisation", "Organisationen finns inte");
    public static readonly Error PersonNotFound = new("redeem.person", "Personen finns inte");
    public static readonly Error PersonNotSaved = new("redeem.person.save", "Personen kunde inte sparas. Försök igen.");
    public static readonly Error PersonDetailsIncomplete = new("wizard.person", "Personuppgifterna är inte fullständiga");
    public static readonly Error ProductNotOffered = new("redeem.product", "Produkten finns inte på organisationens prislista");
    public static readonly Error PreOrderNotAtOrganisation = new("redeem.preorder", "Förbeställningen finns inte hos organisationen");
    public static readonly Error AlreadyRedeemedByOther = new("redeem.taken", "Förbeställningen har just utnyttjats från en annan enhet. Ingenting sparades – öppna personen igen för att se abonnemanget.");
    public static readonly Error NoPreOrderStart = new("redeem.preorder.start", "Det finns ingen öppen förbeställning för det sökta personnumret. Sök på personnumret igen.");
    public static readonly Error Busy = new("redeem.busy", "Databasen är upptagen just nu. Ingenting sparades – försök igen om en stund.");
    public static readonly Error SaveFailed = new("redeem.save", "Abonnemanget kunde inte sparas. Ingenting sparades – försök igen.");
    public static readonly Error StartInPast = new("redeem.start.past", "Startdatum har passerat – kräver arbetsledare och en skriftlig orsak") { Overridable = true };

    /// <summary>The code of <see cref="PrivateMembership"/>, whatever its message.</summary>
    public const string PrivateMembershipCode = "redeem.private";

    public static Error LockedToPreOrder(string productName) =>
        new("redeem.locked", $"Organisationen har en förbeställning för personen: bara den förbeställda produkten ({productName}) kan väljas");

    public static Error Blocked(string reason) =>
        new("redeem.blocked", $"Personen är spärrad: {reason}. En arbetsledare kan häva spärren på personkortet.");

    public static Error UnpaidCharges(Money amount, int count, DateOnly oldest, int days) =>
        new("redeem.unpaid", $"Personen har {amount} obetalt i kassan ({count} {(count == 1 ? "avgift" : "avgifter")}, äldsta från {oldest:yyyy-MM-dd}, mer än {days} dagar gammal). " +
            "Ta betalt i kassan först; en arbetsledare kan göra undantag med en skriftlig orsak.") { Overridable = true };

    public static Error PrivateMembership(string message) => new(PrivateMembershipCode, message) { Overridable = true };

    public static Error PersonExists(int personId) =>
        new("redeem.person.exists", "Personnumret finns redan i registret") { ExistingPersonId = personId };
}
