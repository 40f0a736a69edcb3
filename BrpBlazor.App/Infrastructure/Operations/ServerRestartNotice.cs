namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// When the server is told to stop (SIGTERM: an upgrade, a restart), every open tablet is told at once, while saves
/// that are running finish (<c>Brp:ShutdownSeconds</c>). The tablet reconnects by itself when the server is back
/// and reloads the same page; an unfinished wizard comes back from its session storage (decision 093).
/// </summary>
public sealed class ServerRestartNotice(IHostApplicationLifetime lifetime)
{
    private readonly Lock gate = new();
    private readonly List<Func<Task>> tablets = [];
    private bool listening;

    public bool IsStopping { get; private set; }

    public IDisposable Subscribe(Func<Task> tell)
    {
        lock (gate)
        {
            tablets.Add(tell);

            // Registered once the first tablet is connected, so after SignalR's own shutdown hook: stopping runs the
            // hooks last-registered first, and the notice must go out before SignalR closes the connections.
            if (!listening)
            {
                listening = true;
                lifetime.ApplicationStopping.Register(Raise);
            }
        }

        return new Subscription(this, tell);
    }

    /// <summary>
    /// Tells every tablet and waits (a few seconds at most) until the notice is on its way: the circuits' connections
    /// close right after this, as the server stops.
    /// </summary>
    public void Raise()
    {
        IsStopping = true;
        Func<Task>[] all;
        lock (gate)
        {
            all = [.. tablets];
        }

        var told = Task.WhenAll(all.Select(tell => tell()));
        told.Wait(TimeSpan.FromSeconds(3));
        if (all.Length > 0)
        {
            // The render has happened; give the batch a moment to leave over the WebSocket.
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
        }
    }

    private sealed class Subscription(ServerRestartNotice notice, Func<Task> tell) : IDisposable
    {
        public void Dispose()
        {
            lock (notice.gate)
            {
                notice.tablets.Remove(tell);
            }
        }
    }
}
