using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace BrpBlazor.App.Infrastructure;

/// <summary>
/// The app's edges: the key ring and cookie names per mode, HTTPS behind a proxy, the security headers and the
/// sign-in throttle (docs/security.md, decisions 066-069).
/// </summary>
public static class WebSecurity
{
    /// <summary>The sign-in cookie of the real app; demo mode has its own (a demo cookie is never a real one).</summary>
    public const string AuthCookie = "brp.auth";

    public const string DemoAuthCookie = "brp.demo.auth";

    public const string ApplicationName = "BrpBlazor";

    public const string DemoApplicationName = "BrpBlazor.Demo";

    public const string SignInPolicy = "sign-in";

    /// <summary>The key of the per-response nonce that the import map's inline script carries.</summary>
    public const string NonceKey = "brp:csp-nonce";

    public static void AddBrpWebSecurity(this WebApplicationBuilder builder, bool demo)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(BrpSettings.Section).Get<BrpSettings>() ?? new BrpSettings();

        // One key ring per mode, kept where every server of that mode finds it: the real app's in its database, demo
        // mode's in its own folder (it never opens the real database). Different application names mean a cookie,
        // an antiforgery token or a ?s= link made by one is nothing to the other, even from the same folder.
        var dataProtection = services.AddDataProtection();
        if (demo)
        {
            var keys = Path.Combine(DemoMode.FolderOf(configuration, builder.Environment.ContentRootPath), "keys");
            Core.Application.Common.PrivateTempFolder.CreatePrivateFolder(keys);
            dataProtection.SetApplicationName(DemoApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        else
        {
            dataProtection.SetApplicationName(ApplicationName).PersistKeysToDbContext<BrpDbContext>();
        }

        var httpsOnly = HttpsOnly(builder);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = demo ? "brp.demo.af" : "brp.af";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        services.AddHttpsRedirection(o => o.HttpsPort = settings.HttpsPort);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "För många inloggningsförsök från den här enheten. Vänta en minut och försök igen.", cancellationToken);
            };

            // Per address: one desk cannot try a list of user names (and lock every account) faster than this.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
    }

    /// <summary>Outside Development, cookies travel over HTTPS only (unless Brp:RequireHttps is off for a closed lab).</summary>
    public static bool HttpsOnly(WebApplicationBuilder builder) =>
        !builder.Environment.IsDevelopment() && builder.Configuration.GetValue($"{BrpSettings.Section}:{nameof(BrpSettings.RequireHttps)}", true);

    /// <summary>HTTPS, forwarded headers, security headers and the throttle, in the order they must run.</summary>
    public static void UseBrpWebSecurity(this WebApplication app)
    {
        var settings = app.Configuration.GetSection(BrpSettings.Section).Get<BrpSettings>() ?? new BrpSettings();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && settings.RequireHttps)
        {
            app.UseHsts();

            // A load balancer probes health and Prometheus scrapes over plain HTTP on the app's own port.
            app.UseWhen(context => !Operations.Telemetry.IsProbe(context.Request.Path), branch => branch.UseHttpsRedirection());
        }

        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                // Set last, over Blazor's own frame-ancestors header: one complete policy.
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                return Task.CompletedTask;
            });
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
        app.UseRateLimiter();
    }

    /// <summary>
    /// What Blazor Server and MudBlazor need and no more: scripts from this site (and the import map, by nonce),
    /// the circuit's WebSocket to this site, inline styles (MudBlazor sets style attributes), images as data URLs.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments(AppRoutes.SignIn, StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments(AppRoutes.FirstStart, StringComparison.OrdinalIgnoreCase));
}
