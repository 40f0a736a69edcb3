using System.Net;
using System.Reflection;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>Every page, requested over HTTP by a member of staff holding one right only, for each right in turn.</summary>
public sealed class PageRightsMatrixTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPage_WithEachRightAlone_IsServedOnlyWhenItsPolicyAllowsThatRight()
    {
        await using var app = new AppFactory();
        app.Start();
        var sessions = new Dictionary<Right, HttpSession>();
        foreach (var right in Rights.All)
        {
            await app.CreateStaffAsync($"bara-{right}".ToLowerInvariant(), $"Bara {right}", right);
            var session = new HttpSession(app.BaseAddress);
            await session.SignInAsync($"bara-{right}".ToLowerInvariant());
            sessions[right] = session;
        }

        var mismatches = new List<string>();
        var tried = 0;
        foreach (var (path, policy) in Pages())
        {
            foreach (var right in Rights.All)
            {
                var response = await sessions[right].Client.GetAsync(path);
                var refused = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/ingen-behorighet", StringComparison.Ordinal);
                var expected = Allows(policy, right);
                tried++;
                output.WriteLine($"{path} [{policy ?? "signed in"}] as {right} only → {(int)response.StatusCode}{(refused ? " refused" : string.Empty)}");
                if (refused == expected || response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    mismatches.Add($"{path} as {right}: {(int)response.StatusCode}, expected {(expected ? "served" : "refused")}");
                }
            }
        }

        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        output.WriteLine($"{tried} requests");
        Assert.True(tried > 40, "every page was tried");
        Assert.Empty(mismatches);
    }

    private static bool Allows(string? policy, Right right) => policy switch
    {
        null => true,
        Policies.Registers => right is Right.Supervisor or Right.Admin,
        _ => policy == right.ToString(),
    };

    private static IEnumerable<(string Path, string? Policy)> Pages()
    {
        foreach (var page in typeof(AppServices).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null))
        {
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            foreach (var route in page.GetCustomAttributes<RouteAttribute>())
            {
                yield return (System.Text.RegularExpressions.Regex.Replace(route.Template, "{[^}]+}", "1"), policy);
            }
        }
    }
}
