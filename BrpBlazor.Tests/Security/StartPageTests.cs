using System.Net;
using BrpBlazor.Core.Application.Staff;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Security;

/// <summary>Where staff land after signing in, and accounts that could never do anything.</summary>
public sealed class StartPageTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync()
    {
        app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("rita", new[] { Right.Reception, Right.Supervisor }, "/personer")]
    [InlineData("stina", new[] { Right.Supervisor, Right.Organisation }, "/organisationer")]
    [InlineData("kim", new[] { Right.Organisation }, "/organisationer")]
    [InlineData("ada", new[] { Right.Admin }, "/personal")]
    public async Task SignIn_WithoutReturnUrl_LandsOnTheFirstPageTheRightsAllow(string userName, Right[] rights, string start)
    {
        await app.CreateStaffAsync(userName, userName, rights);
        using var session = new HttpSession(app.BaseAddress);

        var signIn = await session.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", PathOf(signIn));
        var home = await session.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(start, PathOf(home));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(start)).StatusCode);
    }

    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : redirect.Headers.Location!.OriginalString;

    [Fact]
    public async Task FirstStart_AfterCreatingTheAdministrator_SignInSaysItWorked()
    {
        await using var empty = new AppFactory();
        empty.Start();
        using var session = new HttpSession(empty.BaseAddress);
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateFirstAdministratorAsync("Ada Admin", "ada", AppFactory.Password)).IsSuccess);
        }

        var plain = await session.Client.GetStringAsync("/logga-in");
        var afterFirstStart = await session.Client.GetStringAsync("/logga-in?ReturnUrl=%2Fpersonal&forstaAdmin=1");

        Assert.DoesNotContain("Administratören är skapad", plain, StringComparison.CurrentCulture);
        Assert.Contains("Administratören är skapad", afterFirstStart, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task StaffAccounts_NoRightAtAll_IsRefusedOnCreateAndOnChange()
    {
        var userId = await app.CreateStaffAsync("olle", "Olle", Right.Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var admin = Actors.With(Right.Admin);

        var created = await accounts.CreateAsync(admin, "Tom Tomsson", "tom", AppFactory.Password, []);
        var changed = await accounts.SetRightsAsync(admin, userId, []);

        Assert.Equal(StaffAccounts.NoRights, created.FirstError);
        Assert.Equal(StaffAccounts.NoRights, changed.FirstError);
        await using var db = app.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "tom"));
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == userId));
    }
}
