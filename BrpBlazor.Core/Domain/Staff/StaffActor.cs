using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Staff;

/// <summary>The signed-in staff member on whose behalf a Core operation runs.</summary>
public sealed record StaffActor(string Id, string Name, IReadOnlySet<Right> Rights)
{
    /// <summary>The code of every "you lack the right" refusal.</summary>
    public const string MissingRightCode = "right.missing";

    public bool Has(Right right) => Rights.Contains(right);

    /// <summary>Refuses, with a Swedish message that names the missing right, when the actor lacks it.</summary>
    public Error? Require(Right right) =>
        Has(right) ? null : new Error(MissingRightCode, $"Du saknar rättigheten {Staff.Rights.Label(right)}");

    public Error? RequireAny(params Right[] rights) =>
        rights.Any(Has) ? null : new Error(MissingRightCode, $"Du saknar rättigheten {string.Join(" eller ", rights.Select(Staff.Rights.Label))}");

    public static StaffActor System { get; } = new("system", "Systemet", new HashSet<Right>(Staff.Rights.All));
}
