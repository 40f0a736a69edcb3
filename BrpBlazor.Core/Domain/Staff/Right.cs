namespace BrpBlazor.Core.Domain.Staff;

/// <summary>
/// What a staff member may do. Each right is an Identity role of the same name; the server checks it on every
/// page (authorization policies) and in every Core operation that changes data.
/// </summary>
public enum Right
{
    /// <summary>Pre-orders: list, create, import, withdraw (the right the customer's page names).</summary>
    Organisation,

    /// <summary>People, redeeming agreements, subscription operations.</summary>
    Reception,

    /// <summary>Override freeze rules and past dates with a written reason, registers, billing runs, the audit log.</summary>
    Supervisor,

    /// <summary>Staff accounts.</summary>
    Admin,
}

public static class Rights
{
    public static IReadOnlyList<Right> All { get; } = Enum.GetValues<Right>();

    public static string Label(Right right) => right switch
    {
        Right.Organisation => "Organisation",
        Right.Reception => "Reception",
        Right.Supervisor => "Arbetsledare",
        Right.Admin => "Administratör",
        _ => right.ToString(),
    };
}
