using System.Collections.Concurrent;

namespace BrpBlazor.Core.Application.Common;

/// <summary>Something changed a subscription (or the person's other data): open pages that show it refresh.</summary>
/// <param name="Database">Which database it happened in (a demo sandbox has its own), so sandboxes do not hear each other.</param>
/// <param name="ActorId">Who made the change: their own page confirms it briefly instead of telling them what a colleague did.</param>
public sealed record SubscriptionChanged(string Database, int PersonId, int? SubscriptionId, int Version, string Description, string ActorName, string ActorId);

/// <summary>
/// Change notifications between circuits. In-process today; a cross-server feed (Redis, SignalR backplane,
/// database polling) can replace it behind this interface when the app runs on several servers.
/// </summary>
public interface IChangeFeed
{
    void Publish(SubscriptionChanged change);

    /// <summary>Listens for changes to one person's data; dispose the result to stop.</summary>
    IDisposable SubscribeToPerson(string database, int personId, Func<SubscriptionChanged, Task> handler);
}

/// <summary>
/// The change feed as a page sees it: the database of its own scope (the real one, or its demo sandbox), so a
/// component never handles database names. The transport underneath is the singleton <see cref="IChangeFeed"/>.
/// </summary>
public sealed class ScopedChangeFeed(IChangeFeed feed, Data.IBrpDatabase database)
{
    /// <summary>Listens for changes to one person's data in this scope's database; dispose the result to stop.</summary>
    public IDisposable SubscribeToPerson(int personId, Func<SubscriptionChanged, Task> handler) =>
        feed.SubscribeToPerson(database.Name, personId, handler);
}

public sealed class InProcessChangeFeed : IChangeFeed
{
    private readonly ConcurrentDictionary<(string Database, int PersonId), ConcurrentDictionary<Guid, Func<SubscriptionChanged, Task>>> listeners = new();

    public void Publish(SubscriptionChanged change)
    {
        if (!listeners.TryGetValue((change.Database, change.PersonId), out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            // Fire and forget: a slow or broken page must not hold up the one that saved.
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(change);
                }
                catch (ObjectDisposedException)
                {
                    // The page went away between the change and the notification.
                }
            });
        }
    }

    public IDisposable SubscribeToPerson(string database, int personId, Func<SubscriptionChanged, Task> handler)
    {
        var key = (database, personId);
        var id = Guid.NewGuid();
        listeners.GetOrAdd(key, _ => new()).TryAdd(id, handler);
        return new Subscription(() =>
        {
            if (listeners.TryGetValue(key, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
