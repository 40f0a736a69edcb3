using System.Net;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Staff;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// Locking an account or removing a right ends the member's open sessions: the sign-in cookie (Identity's security
/// stamp validator) and an open circuit (<see cref="StaffRevalidatingAuthenticationStateProvider"/>). The app here
/// checks on every request instead of once a minute.
/// </summary>
public sealed class SessionRevalidationTests : IAsyncLifetime
{
    private readonly AppFactory app = new(settings: new Dictionary<string, string?> { [StaffSessionRevalidation.Setting] = "0" });

    public Task InitializeAsync()
    {
        app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task RemovingARight_EndsTheSignedInSession()
    {
        var response = await PeoplePageAfterAsync([Right.Reception, Right.Organisation], (accounts, id) => accounts.SetRightsAsync(Admin, id, [Right.Organisation]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/logga-in", response.Headers.Location!.ToString(), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task LockingAnAccount_EndsTheSignedInSession()
    {
        var response = await PeoplePageAfterAsync([Right.Reception], (accounts, id) => accounts.SetLockedAsync(Admin, id, locked: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/logga-in", response.Headers.Location!.ToString(), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task AddingARight_KeepsTheSession()
    {
        var response = await PeoplePageAfterAsync([Right.Reception], (accounts, id) => accounts.SetRightsAsync(Admin, id, [Right.Reception, Right.Organisation]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Circuit_IsCurrentUntilTheAccountIsLockedOrLosesARight()
    {
        var keptId = await app.CreateStaffAsync("kim", "Kim", Right.Reception);
        var lockedId = await app.CreateStaffAsync("lo", "Lo", Right.Reception);
        var reducedId = await app.CreateStaffAsync("ron", "Ron", Right.Reception, Right.Organisation);
        var kept = await PrincipalOfAsync(keptId);
        var locked = await PrincipalOfAsync(lockedId);
        var reduced = await PrincipalOfAsync(reducedId);
        await using var scope = app.Services.CreateAsyncScope();
        var provider = Assert.IsType<StaffRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        Assert.True(await provider.IsCurrentAsync(locked));
        Assert.True(await provider.IsCurrentAsync(reduced));

        await ChangeAsync(accounts => accounts.SetLockedAsync(Admin, lockedId, locked: true));
        await ChangeAsync(accounts => accounts.SetRightsAsync(Admin, reducedId, [Right.Reception]));

        Assert.True(await provider.IsCurrentAsync(kept));
        Assert.False(await provider.IsCurrentAsync(locked));
        Assert.False(await provider.IsCurrentAsync(reduced));
    }

    private static StaffActor Admin => Actors.With(Right.Admin);

    /// <summary>Signs a new member holding <paramref name="rights"/> in, has an admin change the account, then opens Personer again.</summary>
    private async Task<HttpResponseMessage> PeoplePageAfterAsync(Right[] rights, Func<StaffAccounts, string, Task<Result>> change)
    {
        var userName = $"u{Guid.NewGuid():N}"[..12];
        var userId = await app.CreateStaffAsync(userName, "Någon Annan", rights);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);

        Assert.True((await ChangeAsync(accounts => change(accounts, userId))).IsSuccess);

        return await session.Client.GetAsync("/personer");
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId))!);
    }

    private async Task<Result> ChangeAsync(Func<StaffAccounts, Task<Result>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }
}
