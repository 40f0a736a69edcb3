using System.Security.Claims;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>The trainer's controls for the current browser's sandbox: reset, demo date, exercise checks.</summary>
/// <remarks>Registered in every mode (the layout injects it); the sandboxes exist only in demo mode.</remarks>
public sealed class DemoSession(
    AuthenticationStateProvider authentication, DemoModeInfo demo, IDbContextFactory<BrpDbContext> dbFactory, DemoSandboxes? sandboxes = null)
{
    public bool Enabled => demo.Enabled;

    private DemoSandboxes Sandboxes => sandboxes ?? throw new InvalidOperationException("Demo mode is off: there are no sandboxes.");

    public async Task<DateOnly> TodayAsync() => Sandboxes.TodayOf(await SandboxIdAsync());

    /// <summary>Återställ demo: the sandbox becomes the template again (demo date included).</summary>
    public async Task ResetAsync() => await Sandboxes.ResetAsync(await SandboxIdAsync());

    /// <summary>Demodatum: moves "today" in this sandbox only.</summary>
    public async Task SetTodayAsync(DateOnly today) => await Sandboxes.SetTodayAsync(await SandboxIdAsync(), today);

    public async Task<ExerciseCheck> CheckAsync(Exercise exercise, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await exercise.Check(db, cancellationToken);
    }

    private async Task<string> SandboxIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(DemoMode.SandboxClaim) ?? throw new InvalidOperationException("No demo sandbox for this user.");
    }
}
