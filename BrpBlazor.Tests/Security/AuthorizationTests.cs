using System.Net;
using System.Reflection;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Staff;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Security;

/// <summary>Sign-in, rights and the audit log, over HTTP against the real app.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync()
    {
        app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string> ProtectedPages()
    {
        var data = new TheoryData<string>();
        foreach (var page in typeof(AppServices).Assembly.GetTypes()
                     .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null))
        {
            foreach (var route in page.GetCustomAttributes<RouteAttribute>())
            {
                data.Add(System.Text.RegularExpressions.Regex.Replace(route.Template, "{[^}]+}", "1"));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task EveryPage_Anonymous_IsSentToSignInAndBack(string path)
    {
        using var session = new HttpSession(app.BaseAddress);

        var response = await session.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/logga-in", location, StringComparison.CurrentCulture);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task SignInPage_IsOpen_AndNotFramable()
    {
        using var session = new HttpSession(app.BaseAddress);

        var response = await session.Client.GetAsync("/logga-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.CurrentCulture);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task SignIn_SetsAnHttpOnlyLaxCookie_AndReturnsToTheWantedPage()
    {
        await app.CreateStaffAsync("rita", "Rita Reception", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        var form = await session.Client.GetStringAsync("/logga-in?ReturnUrl=%2Fpersoner%2F1");
        Assert.Contains("ReturnUrl", form, StringComparison.CurrentCulture);

        var response = await session.SignInAsync("rita");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("brp.auth", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personer")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        await app.CreateStaffAsync("anton", "Anton", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);

        var response = await session.Client.PostAsync("/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Model.UserName"] = "anton",
            ["Model.Password"] = AppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/personal", Right.Reception, false)]
    [InlineData("/personal", Right.Admin, true)]
    [InlineData("/granskning", Right.Reception, false)]
    [InlineData("/granskning", Right.Supervisor, true)]
    [InlineData("/personer", Right.Organisation, false)]
    [InlineData("/personer", Right.Reception, true)]
    public async Task Pages_NeedTheirRight(string path, Right right, bool allowed)
    {
        var userName = $"u{Guid.NewGuid():N}"[..12];
        await app.CreateStaffAsync(userName, "Någon", right);
        using var session = new HttpSession(app.BaseAddress);
        await session.SignInAsync(userName);

        var response = await session.Client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/ingen-behorighet", response.Headers.Location!.ToString(), StringComparison.CurrentCulture);
        }
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccount()
    {
        await app.CreateStaffAsync("lisa", "Lisa", Right.Reception);
        using var session = new HttpSession(app.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await session.SignInAsync("lisa", "fel-losenord-123");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var withRightPassword = await session.SignInAsync("lisa");

        // Not signed in, and told in the same words as for a wrong password (a locked account is not revealed).
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains(App.Components.Pages.Account.SignInPage.FailedMessage, await withRightPassword.Content.ReadAsStringAsync(), StringComparison.CurrentCulture);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
        var lockoutEnd = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("lisa"))!);
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd!.Value - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
    }

    [Fact]
    public async Task FirstStart_IsOfferedOnlyWhileNoStaffExists()
    {
        await using var empty = new AppFactory();
        empty.Start();
        using var session = new HttpSession(empty.BaseAddress);
        var open = await session.Client.GetAsync("/forsta-start");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        await using (var scope = empty.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            Assert.True((await accounts.CreateFirstAdministratorAsync("Ada Admin", "ada", AppFactory.Password)).IsSuccess);
            Assert.False((await accounts.CreateFirstAdministratorAsync("Eve", "eve", AppFactory.Password)).IsSuccess);
        }

        var gone = await session.Client.GetAsync("/forsta-start");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var signIn = await session.SignInAsync("ada");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/personal")).StatusCode);
    }

    [Fact]
    public async Task StaffChanges_WithoutAdmin_AreRefusedAndWriteNothing()
    {
        var userId = await app.CreateStaffAsync("olle", "Olle", Right.Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await using var db = app.NewContext();
        var auditBefore = await db.AuditEntries.CountAsync();

        var refused = await accounts.SetRightsAsync(Actors.Reception, userId, [Right.Admin]);
        var refusedCreate = await accounts.CreateAsync(Actors.Supervisor, "Mallory", "mallory", AppFactory.Password, [Right.Admin]);

        Assert.False(refused.IsSuccess);
        Assert.False(refusedCreate.IsSuccess);
        Assert.Equal("Du saknar rättigheten Administratör", refused.FirstError!.Message);
        Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "mallory"));
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == userId && r.RoleId == db.Roles.Single(x => x.Name == "Admin").Id));
    }

    [Fact]
    public async Task StaffRightsChange_WritesOneAuditEntryWithBeforeAndAfter()
    {
        var userId = await app.CreateStaffAsync("pia", "Pia", Right.Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var admin = Actors.With(Right.Admin);

        var result = await accounts.SetRightsAsync(admin, userId, [Right.Reception, Right.Organisation]);

        Assert.True(result.IsSuccess);
        await using var db = app.NewContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityId == userId && a.Action == "staff.rights");
        Assert.Equal(admin.Id, entry.ActorId);
        Assert.Contains("Reception", entry.Before, StringComparison.CurrentCulture);
        Assert.DoesNotContain("Organisation", entry.Before, StringComparison.CurrentCulture);
        Assert.Contains("Organisation", entry.After, StringComparison.CurrentCulture);
        Assert.Equal(DateTimeKind.Utc, DateTime.SpecifyKind(entry.WhenUtc, DateTimeKind.Utc).Kind);
    }
}
