namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// When the server is told to stop (SIGTERM: an upgrade, a restart), every open tablet is told at once, while saves
/// that are running finish (<c>Brp:ShutdownSeconds</c>). The tablet reconnects by itself when the server is back
/// and reloads the same page; an unfinished wizard comes back from its session storage (decision 073).
/// </summary>
public sealed class ServerRestartNotice
{
    public event Action? Stopping;

    public bool IsStopping { get; private set; }

    public void Raise()
    {
        IsStopping = true;
        Stopping?.Invoke();
    }
}
