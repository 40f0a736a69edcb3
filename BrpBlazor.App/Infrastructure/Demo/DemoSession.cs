using System.Security.Claims;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>The trainer's controls for the current browser's sandbox: reset, demo date, exercise checks.</summary>
public sealed class DemoSession(IServiceProvider services, AuthenticationStateProvider authentication, DemoModeInfo demo)
{
    public bool Enabled => demo.Enabled;

    private DemoSandboxes Sandboxes => services.GetRequiredService<DemoSandboxes>();

    public async Task<DateOnly> TodayAsync() => Sandboxes.TodayOf(await SandboxIdAsync());

    /// <summary>Återställ demo: the sandbox becomes the template again (demo date included).</summary>
    public async Task ResetAsync() => await Sandboxes.ResetAsync(await SandboxIdAsync());

    /// <summary>Demodatum: moves "today" in this sandbox only.</summary>
    public async Task SetTodayAsync(DateOnly today) => await Sandboxes.SetTodayAsync(await SandboxIdAsync(), today);

    public async Task<ExerciseCheck> CheckAsync(Exercise exercise, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BrpDbContext>>().CreateDbContextAsync(cancellationToken);
        return await exercise.Check(db, cancellationToken);
    }

    private async Task<string> SandboxIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(DemoMode.SandboxClaim) ?? throw new InvalidOperationException("No demo sandbox for this user.");
    }
}
