using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace BrpBlazor.App.Infrastructure;

/// <summary>Authorization policies, one per right; pages name them in [Authorize(Policy = …)].</summary>
public static class Policies
{
    public const string Organisation = nameof(Right.Organisation);
    public const string Reception = nameof(Right.Reception);
    public const string Supervisor = nameof(Right.Supervisor);
    public const string Admin = nameof(Right.Admin);

    /// <summary>Registers (organisations, products): a supervisor or an administrator.</summary>
    public const string Registers = "Registers";

    public static void Add(AuthorizationOptions options)
    {
        foreach (var right in Rights.All)
        {
            options.AddPolicy(right.ToString(), p => p.RequireAuthenticatedUser().RequireRole(right.ToString()));
        }

        options.AddPolicy(Registers, p => p.RequireAuthenticatedUser().RequireRole(nameof(Right.Supervisor), nameof(Right.Admin)));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
