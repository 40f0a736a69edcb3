using BrpBlazor.Core.Data;
using System.Security.Claims;
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
    public const string SandboxCookie = "brp.demo";

    public static void AddDemoServices(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var folder = FolderOf(configuration, contentRoot);
        var limits = DemoLimits.From(configuration);
        services.AddSingleton(sp => new DemoSandboxes(folder, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DemoSandboxes>>(), limits));
        services.AddSingleton(sp => new DemoAdmission(limits, sp.GetRequiredService<TimeProvider>()));
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

    /// <summary>The folder of demo mode's sandboxes, template and keys (setting <c>Demo:Folder</c>).</summary>
    public static string FolderOf(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Demo:Folder"] is { Length: > 0 } configured ? configured : Path.Combine(contentRoot, "App_Data", "demo"));

    /// <summary>Signs a browser in as the demo trainer on its first request, and points the request at its sandbox.</summary>
    public static IApplicationBuilder UseDemoSandboxes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && IsPageRequest(context.Request))
            {
                var sandboxId = context.Request.Cookies[SandboxCookie] is { } existing && DemoSandboxId.IsValid(existing) ? existing : null;
                if (sandboxId is null)
                {
                    if (!context.RequestServices.GetRequiredService<DemoAdmission>().TryAdmit(context.Connection.RemoteIpAddress))
                    {
                        await DemoFullAsync(context);
                        return;
                    }

                    sandboxId = DemoSandboxId.New();
                }

                context.Response.Cookies.Append(SandboxCookie, sandboxId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });
                await context.SignInAsync(IdentityConstants.ApplicationScheme, Principal(sandboxId));
                context.Response.Redirect(LocalTarget(context.Request));
                return;
            }

            if (context.User.FindFirstValue(SandboxClaim) is { } id)
            {
                if (!DemoSandboxId.IsValid(id))
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                try
                {
                    context.RequestServices.GetRequiredService<DatabaseSelection>().Use(context.RequestServices.GetRequiredService<DemoSandboxes>().Get(id));
                }
                catch (DemoFullException)
                {
                    await DemoFullAsync(context);
                    return;
                }
            }

            await next();
        });

    /// <summary>
    /// Where the first visit goes back to once signed in: the same path on this site, never another host
    /// (<c>//evil.example/x</c> is a protocol-relative URL, <c>/\evil.example</c> one to browsers too).
    /// </summary>
    public static string LocalTarget(HttpRequest request)
    {
        var path = request.Path.ToUriComponent();
        return LocalUrl.IsLocal(path) ? path + request.QueryString.ToUriComponent() : "/";
    }

    private static async Task DemoFullAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "600";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Demon har för många besökare just nu. Försök igen om en stund.");
    }

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
            var id = http.User.FindFirstValue(SandboxClaim) ?? http.Request.Cookies[SandboxCookie];
            return DemoSandboxId.IsValid(id) ? id : null;
        }

        try
        {
            var state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            var id = state is { IsCompletedSuccessfully: true } ? state.Result.User.FindFirstValue(SandboxClaim) : null;
            return DemoSandboxId.IsValid(id) ? id : null;
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
        && !request.Path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        && !Operations.Telemetry.IsProbe(request.Path);
}

/// <summary>"Today" in demo mode is the sandbox's demo date; audit instants stay real UTC.</summary>
public sealed class DemoClock(IBrpDatabase database, DemoSandboxes sandboxes, TimeProvider timeProvider) : IBusinessClock
{
    public DateOnly Today => sandboxes.TodayOf(database.Name["demo-".Length..]);

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;
}

/// <summary>
/// How fast one address may start new sandboxes (a script without cookies would otherwise make one per request).
/// </summary>
public sealed class DemoAdmission(DemoLimits limits, TimeProvider timeProvider)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> recent = new(StringComparer.Ordinal);

    public bool TryAdmit(System.Net.IPAddress? address)
    {
        var key = address?.ToString() ?? "unknown";
        var now = timeProvider.GetUtcNow();
        lock (recent)
        {
            if (recent.Count > 10_000)
            {
                recent.Clear();
            }

            if (!recent.TryGetValue(key, out var starts))
            {
                recent[key] = starts = new Queue<DateTimeOffset>();
            }

            while (starts.Count > 0 && now - starts.Peek() > TimeSpan.FromHours(1))
            {
                starts.Dequeue();
            }

            if (starts.Count >= limits.NewSandboxesPerHourPerAddress)
            {
                return false;
            }

            starts.Enqueue(now);
            return true;
        }
    }
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
