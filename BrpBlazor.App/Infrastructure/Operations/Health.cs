using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// <c>/healthz/live</c>: the process answers. <c>/healthz/ready</c>: it can serve (the database answers and every
/// migration is applied). Anonymous, plain text, no personal data, cheap enough for a load balancer every second.
/// </summary>
public static class Health
{
    public const string Path = "/healthz";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    private const string ReadyTag = "ready";

    public static void AddBrpHealth(this IServiceCollection services, bool demo)
    {
        var checks = services.AddHealthChecks();
        if (demo)
        {
            checks.AddCheck<DemoTemplateCheck>("demo-template", tags: [ReadyTag]);
        }
        else
        {
            checks.AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        }
    }

    public static void MapBrpHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous().DisableHttpMetrics();
    }
}

/// <summary>Ready when the database answers and has no pending migration (a new version's start applies them).</summary>
public sealed class DatabaseReadyCheck(BrpDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = new BrpDbContext(database.Options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("database answers, migrations applied")
                : HealthCheckResult.Unhealthy($"{pending} migrations not applied");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database does not answer");
        }
    }
}

/// <summary>Demo mode is ready once its template database is built.</summary>
public sealed class DemoTemplateCheck(DemoSandboxes sandboxes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(sandboxes.TemplatePath) ? HealthCheckResult.Healthy("demo template ready") : HealthCheckResult.Unhealthy("demo template not built"));
}
