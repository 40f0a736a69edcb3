namespace BrpBlazor.App;

/// <summary>Every route in one place: pages and links use these instead of strings of their own.</summary>
public static class AppRoutes
{
    public const string Home = "/";
    public const string SignIn = "/logga-in";
    public const string SignOut = "/logga-ut";
    public const string FirstStart = "/forsta-start";
    public const string AccessDenied = "/ingen-behorighet";
    public const string People = "/personer";
    public const string NewPerson = "/personer/ny";
    public const string Organisations = "/organisationer";
    public const string NewOrganisation = "/organisationer/ny";
    public const string Products = "/produkter";
    public const string NewProduct = "/produkter/ny";
    public const string Staff = "/personal";
    public const string Audit = "/granskning";
    public const string Billing = "/debitering";
    public const string NewOrganisationCustomer = "/organisationskund/ny";
    public const string Demo = "/demo";
    public const string DemoExercises = "/ovningar";
    public const string MyOrganisations = "/mina-organisationer";

    /// <summary>
    /// Where a member of staff starts after signing in: the first page their rights allow (Personer for reception,
    /// Organisationer for pre-orders and registers, Personal for an administrator only), or null with no right at all.
    /// </summary>
    public static string? StartPage(Func<Core.Domain.Staff.Right, bool> has) =>
        has(Core.Domain.Staff.Right.Reception) ? People
        : has(Core.Domain.Staff.Right.Organisation) || has(Core.Domain.Staff.Right.Supervisor) ? Organisations
        : has(Core.Domain.Staff.Right.Admin) ? Staff
        : null;

    public static string PeopleSearch(string query) => $"{People}?q={Uri.EscapeDataString(query)}";

    public static string Person(int id) => $"{People}/{id}";

    /// <summary>The id of the person page's till list (Att betala i kassan), to link straight to it.</summary>
    public const string TillAnchor = "att-betala";

    public static string PersonTill(int id) => $"{Person(id)}#{TillAnchor}";

    public static string EditPerson(int id) => $"{People}/{id}/redigera";

    public static string Redeem(int personId) => $"{People}/{personId}/utnyttja";

    public static string Organisation(int id) => $"{Organisations}/{id}";

    public static string EditOrganisation(int id) => $"{Organisations}/{id}/redigera";

    public static string PreOrders(int organisationId) => $"{Organisations}/{organisationId}/forbestallningar";

    public static string ImportPreOrders(int organisationId) => $"{Organisations}/{organisationId}/forbestallningar/importera";

    public static string FollowUp(int organisationId) => $"{Organisations}/{organisationId}/uppfoljning";

    public static string Product(int id) => $"{Products}/{id}";

    /// <summary>
    /// Registrera ny organisationskund from a pre-order: <paramref name="protectedSearch"/> is the encrypted search
    /// (<c>?s=…</c>) for the personnummer, without which the wizard prefills nothing (docs/decisions/060).
    /// </summary>
    public static string NewOrganisationCustomerFrom(int preOrderId, string protectedSearch) =>
        $"{NewOrganisationCustomer}{protectedSearch}&forbestallning={preOrderId}";

    /// <summary>The billing page for one subscription.</summary>
    public static string BillingFor(int subscriptionId) => $"{Billing}?abonnemang={subscriptionId}";
}
