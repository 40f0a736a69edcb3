namespace BrpBlazor.App.Infrastructure;

/// <summary>Settings under "Brp" in appsettings.json.</summary>
public sealed class BrpSettings
{
    public const string Section = "Brp";

    /// <summary>Count the notice period from tomorrow instead of today (domain.md §6.4).</summary>
    public bool NoticeFromTomorrow { get; set; }

    /// <summary>Max months left on an existing private subscription before the redeem wizard stops (BRP's rule).</summary>
    public int MaxMonthsLeftOnPrivate { get; set; } = 3;

    /// <summary>Open charges older than this many days stop the redeem wizard at step 1 (BRP's rule).</summary>
    public int UnpaidDaysBlockRedeem { get; set; } = Core.Domain.Redeem.RedeemSettings.DefaultUnpaidDaysBlockRedeem;

    /// <summary>Seed a few organisations, products and people into an empty database.</summary>
    public bool SeedDevelopmentData { get; set; }

    /// <summary>Largest pre-order file accepted, in megabytes.</summary>
    public int MaxImportFileMegabytes { get; set; } = 25;

    /// <summary>
    /// Outside Development: plain-HTTP requests are sent to HTTPS, HSTS is sent, and cookies are HTTPS-only. Turn it
    /// off only for a closed test network (docs/decisions/068).
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>The HTTPS port plain-HTTP requests are redirected to (the proxy's, usually 443).</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary>Addresses of the TLS-terminating proxies whose X-Forwarded-For/-Proto are believed (loopback always is).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Sign-in attempts one address may make per minute (the rest get 429).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>The private folder for uploads and exports being spooled; default App_Data/tmp (demo: its folder's tmp).</summary>
    public string? TempFolder { get; set; }

    /// <summary>A token Prometheus sends as <c>Authorization: Bearer …</c> to scrape /metrics from another machine.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>How long a stopping server lets running saves finish before it closes the tablets' connections.</summary>
    public int ShutdownSeconds { get; set; } = 15;

    /// <summary>
    /// Minutes without a touch or a key after which a tablet's circuit is paused and its server memory freed; the next
    /// touch resumes it where it was (decision 135). 0 never pauses; decimals are allowed (0.5 is half a minute).
    /// </summary>
    public double IdleCircuitMinutes { get; set; } = 10;
}
