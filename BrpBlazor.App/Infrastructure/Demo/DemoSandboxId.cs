using System.Security.Cryptography;

namespace BrpBlazor.App.Infrastructure.Demo;

/// <summary>
/// A demo sandbox id: 32 lowercase hexadecimal characters from a random number generator, nothing else. It arrives
/// in a cookie, so every use checks it with <see cref="IsValid"/> before it is trusted.
/// </summary>
public static class DemoSandboxId
{
    public const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>How many sandboxes demo mode keeps, and how fast one address may make new ones.</summary>
public sealed record DemoLimits
{
    /// <summary>Sandboxes on disk at most (setting <c>Demo:MaxSandboxes</c>); each is a copy of the template.</summary>
    public int MaxSandboxes { get; init; } = 200;

    /// <summary>A sandbox idle this long may give way to a new one when the cap is reached.</summary>
    public TimeSpan MinimumIdleBeforeEviction { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>New sandboxes one address may start in an hour (setting <c>Demo:NewSandboxesPerHour</c>).</summary>
    public int NewSandboxesPerHourPerAddress { get; init; } = 60;

    public static DemoLimits From(IConfiguration configuration) => new()
    {
        MaxSandboxes = configuration.GetValue("Demo:MaxSandboxes", 200),
        MinimumIdleBeforeEviction = TimeSpan.FromMinutes(configuration.GetValue("Demo:MinimumIdleMinutesBeforeEviction", 30.0)),
        NewSandboxesPerHourPerAddress = configuration.GetValue("Demo:NewSandboxesPerHour", 60),
    };
}

/// <summary>Every sandbox is in use and the cap is reached: the visitor is asked to come back in a while.</summary>
public sealed class DemoFullException() : Exception("Every demo sandbox is in use.");
