using System.Net;
using System.Security.Cryptography;
using System.Text;
using BrpBlazor.Core.Application.Common;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// Metrics and traces through OpenTelemetry: ASP.NET Core's requests, the runtime, open circuits, EF Core's commands
/// and the app's own meters (<see cref="BrpMetrics"/>), scraped by Prometheus at <c>/metrics</c> (docs/decisions/091).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void AddBrpTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<BrpMetrics>();
        services.AddSingleton<OpenCircuits>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<OpenCircuits>());
        services.AddSingleton<AuditObserver>();

        // Log lines carry the trace and span ids of the request or circuit event they belong to.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("BrpBlazor", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddMeter(BrpMetrics.MeterName, OpenCircuits.MeterName, "Microsoft.EntityFrameworkCore")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path)));
    }

    /// <summary>
    /// Prometheus scrapes <c>/metrics</c> from this machine, or with <c>Authorization: Bearer Brp:MetricsToken</c> from
    /// elsewhere; anybody else gets 404. The figures are counts and durations, but they are nobody else's business.
    /// </summary>
    public static void MapBrpMetrics(this WebApplication app)
    {
        var token = app.Configuration[$"{BrpSettings.Section}:{nameof(BrpSettings.MetricsToken)}"];
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                if (!MayScrape(context, token))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next();
            }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }

    public static bool IsProbe(PathString path) => path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Health.Path, StringComparison.OrdinalIgnoreCase);

    private static bool MayScrape(HttpContext context, string? token)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote) && !context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(token)
               && header.StartsWith("Bearer ", StringComparison.Ordinal)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }
}

/// <summary>Counts the open circuits (tablets connected), as the gauge <c>brp.circuits.open</c>.</summary>
public sealed class OpenCircuits : CircuitHandler, IDisposable
{
    public const string MeterName = "BrpBlazor.Circuits";

    private readonly System.Diagnostics.Metrics.Meter meter;
    private int open;

    public OpenCircuits(System.Diagnostics.Metrics.IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(new System.Diagnostics.Metrics.MeterOptions(MeterName));
        meter.CreateObservableGauge("brp.circuits.open", () => Volatile.Read(ref open), description: "Open Blazor circuits (connected tablets)");
    }

    public int Count => Volatile.Read(ref open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        return Task.CompletedTask;
    }

    public void Dispose() => meter.Dispose();
}
