namespace BrpBlazor.App.Infrastructure;

/// <summary>Whether the app runs in demo mode (trainers' sandboxes).</summary>
public sealed record DemoModeInfo(bool Enabled);
