using System.Net;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Staff;
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
        var userId = await app.CreateStaffAsync("rita", "Rita", Right.Reception, Right.Organisation);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync("rita");
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);

        Assert.True((await ChangeAsync(accounts => accounts.SetRightsAsync(Actors.With(Right.Admin), userId, [Right.Organisation]))).IsSuccess);

        var response = await session.Client.GetAsync("/personer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/logga-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task LockingAnAccount_EndsTheSignedInSession()
    {
        var userId = await app.CreateStaffAsync("lars", "Lars", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync("lars");
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);

        Assert.True((await ChangeAsync(accounts => accounts.SetLockedAsync(Actors.With(Right.Admin), userId, locked: true))).IsSuccess);

        var response = await session.Client.GetAsync("/personer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/logga-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AddingARight_KeepsTheSession()
    {
        var userId = await app.CreateStaffAsync("karin", "Karin", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync("karin");

        Assert.True((await ChangeAsync(accounts => accounts.SetRightsAsync(Actors.With(Right.Admin), userId, [Right.Reception, Right.Organisation]))).IsSuccess);

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);
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

        var admin = Actors.With(Right.Admin);
        await ChangeAsync(accounts => accounts.SetLockedAsync(admin, lockedId, locked: true));
        await ChangeAsync(accounts => accounts.SetRightsAsync(admin, reducedId, [Right.Reception]));

        Assert.True(await provider.IsCurrentAsync(kept));
        Assert.False(await provider.IsCurrentAsync(locked));
        Assert.False(await provider.IsCurrentAsync(reduced));
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId))!);
    }

    private async Task<BrpBlazor.Core.Domain.Common.Result> ChangeAsync(Func<StaffAccounts, Task<BrpBlazor.Core.Domain.Common.Result>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }
}
