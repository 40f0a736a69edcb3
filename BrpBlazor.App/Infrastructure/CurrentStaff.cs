using System.Security.Claims;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Components.Authorization;

namespace BrpBlazor.App.Infrastructure;

/// <summary>The signed-in staff member as a Core <see cref="StaffActor"/>: Core operations check rights on it.</summary>
public sealed class CurrentStaff(AuthenticationStateProvider authenticationStateProvider)
{
    public const string DisplayNameClaim = "brp:name";

    public async Task<StaffActor> GetAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        return FromPrincipal(state.User);
    }

    public static StaffActor FromPrincipal(ClaimsPrincipal user)
    {
        var rights = Rights.All.Where(r => user.IsInRole(r.ToString())).ToHashSet();
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var name = user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "Okänd";
        return new StaffActor(id, name, rights);
    }
}
