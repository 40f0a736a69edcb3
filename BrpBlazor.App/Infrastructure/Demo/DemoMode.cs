using System.Security.Claims;
using System.Security.Cryptography;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>
/// Demo mode (<c>--demo</c> or <c>Demo:Enabled</c>): every browser is signed in automatically as
/// "Demo (utbildare)" with every right, and works in its own sandbox database.
/// </summary>
public static class DemoMode
{
    public const string SandboxClaim = "brp:sandbox";
    public const string DisplayName = "Demo (utbildare)";
    private const string SandboxCookie = "brp.demo";

    public static void AddDemoServices(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var folder = configuration["Demo:Folder"] is { Length: > 0 } configured ? configured : Path.Combine(contentRoot, "App_Data", "demo");
        services.AddSingleton(sp => new DemoSandboxes(folder, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DemoSandboxes>>()));
        services.AddHostedService<DemoCleanup>();

        // The sandbox is chosen per scope: by the middleware for requests, from the circuit's user for interactive pages.
        services.AddScoped(sp =>
        {
            var selection = new DatabaseSelection();
            selection.ResolveWith(() => SandboxOf(sp) is { } id ? sp.GetRequiredService<DemoSandboxes>().Get(id) : null);
            return selection;
        });
        services.AddScoped<IBusinessClock, DemoClock>();
    }

    /// <summary>Signs a browser in as the demo trainer on its first request, and points the request at its sandbox.</summary>
    public static IApplicationBuilder UseDemoSandboxes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && IsPageRequest(context.Request))
            {
                var sandboxId = context.Request.Cookies[SandboxCookie] is { Length: 32 } existing ? existing : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                context.Response.Cookies.Append(SandboxCookie, sandboxId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
                await context.SignInAsync(IdentityConstants.ApplicationScheme, Principal(sandboxId));
                context.Response.Redirect(context.Request.Path + context.Request.QueryString);
                return;
            }

            if (context.User.FindFirstValue(SandboxClaim) is { } id)
            {
                context.RequestServices.GetRequiredService<DatabaseSelection>().Use(context.RequestServices.GetRequiredService<DemoSandboxes>().Get(id));
            }

            await next();
        });

    public static ClaimsPrincipal Principal(string sandboxId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"demo-{sandboxId[..8]}"),
            new(ClaimTypes.Name, DisplayName),
            new(CurrentStaff.DisplayNameClaim, DisplayName),
            new(SandboxClaim, sandboxId),
        };
        claims.AddRange(Rights.All.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme));
    }

    /// <summary>The sandbox of the current user: from the request, or from an interactive circuit's authentication state.</summary>
    public static string? SandboxOf(IServiceProvider services)
    {
        var http = services.GetService<IHttpContextAccessor>()?.HttpContext;
        if (http is not null)
        {
            // While the request is still being authenticated (Identity's cookie validation builds a context), the
            // user is not known yet, but the browser's sandbox cookie is.
            return http.User.FindFirstValue(SandboxClaim) ?? (http.Request.Cookies[SandboxCookie] is { Length: 32 } cookie ? cookie : null);
        }

        try
        {
            var state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } ? state.Result.User.FindFirstValue(SandboxClaim) : null;
        }
        catch (InvalidOperationException)
        {
            // Not a circuit scope.
            return null;
        }
    }

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !Path.HasExtension(request.Path.Value)
        && !request.Path.StartsWithSegments("/_framework")
        && !request.Path.StartsWithSegments("/_content")
        && !request.Path.StartsWithSegments("/_blazor");
}

/// <summary>"Today" in demo mode is the sandbox's demo date; audit instants stay real UTC.</summary>
public sealed class DemoClock(IBrpDatabase database, DemoSandboxes sandboxes, TimeProvider timeProvider) : IBusinessClock
{
    public DateOnly Today => sandboxes.TodayOf(database.Name["demo-".Length..]);

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;
}

/// <summary>Deletes sandboxes idle for a few hours (Demo:IdleHours, default 3).</summary>
public sealed class DemoCleanup(DemoSandboxes sandboxes, IConfiguration configuration, ILogger<DemoCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromHours(configuration.GetValue("Demo:IdleHours", 3.0));
        await sandboxes.EnsureTemplateAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var deleted = sandboxes.DeleteIdle(idle);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} idle demo sandboxes", deleted);
            }
        }
    }
}
