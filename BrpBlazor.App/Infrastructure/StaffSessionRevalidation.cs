using System.Security.Claims;
using BrpBlazor.Core.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrpBlazor.App.Infrastructure;

/// <summary>
/// Ends an open tablet session (a Blazor circuit) once its staff member was locked, lost a right or got a new
/// password: every <see cref="StaffSessionRevalidation.Interval"/> the circuit's sign-in is checked against the
/// account's security stamp. The sign-in cookie is checked the same way by Identity's security stamp validator.
/// </summary>
public sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions,
    StaffSessionRevalidation revalidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.CircuitInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(authenticationState.User);

    /// <summary>True while the account behind <paramref name="user"/> exists, is not locked and has the same security stamp.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var account = await users.GetUserAsync(user);
        if (account is null || await users.IsLockedOutAsync(account))
        {
            return false;
        }

        var stamp = user.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(account);
    }
}

/// <summary>How often open sessions are checked (setting <c>Brp:StaffSessionCheckSeconds</c>, default 60).</summary>
public sealed record StaffSessionRevalidation(TimeSpan Interval)
{
    public const string Setting = "Brp:StaffSessionCheckSeconds";

    /// <summary>A circuit is never checked more often than once a second.</summary>
    public TimeSpan CircuitInterval => Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : Interval;

    public static StaffSessionRevalidation From(IConfiguration configuration) =>
        new(TimeSpan.FromSeconds(configuration.GetValue<int?>(Setting) ?? 60));
}
