using System.Text.Json;
using System.Threading.Channels;
using BrpBlazor.Core.Application.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BrpBlazor.Core.Data;

/// <summary>
/// The change feed across servers: a change to the PostgreSQL database is sent with <c>pg_notify</c> on
/// <see cref="Channel"/>, and every server (this one too) LISTENs on one connection of its own and hands what it hears
/// to the pages open on it, so a dialog on server B refreshes when server A saves (docs/decisions/133). Changes to other
/// databases (demo sandboxes) stay in this process. A notification lost while the listening connection is being
/// re-made only means a late refresh: a stale confirm is still refused by the version check.
/// </summary>
public sealed partial class PostgreSqlChangeFeed : BackgroundService, IChangeFeed
{
    public const string Channel = "brp_changes";

    private static readonly TimeSpan[] Reconnect = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly InProcessChangeFeed local = new();
    private readonly Channel<SubscriptionChanged> outgoing = System.Threading.Channels.Channel.CreateUnbounded<SubscriptionChanged>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string connectionString;
    private readonly string databaseName;
    private readonly ILogger<PostgreSqlChangeFeed> logger;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="connectionString">The shared database.</param>
    /// <param name="databaseName">The name (<see cref="IBrpDatabase.Name"/>) that changes to the shared database carry.</param>
    public PostgreSqlChangeFeed(string connectionString, string databaseName, ILogger<PostgreSqlChangeFeed> logger)
    {
        // Its own small pool: the listener holds one connection for good, the sender one at a time.
        this.connectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "BrpBlazor change feed", KeepAlive = 30 }.ToString();
        this.databaseName = databaseName;
        this.logger = logger;
    }

    /// <summary>Completes once the first LISTEN is in place (tests and start-up wait for it).</summary>
    public Task Listening => listening.Task;

    public void Publish(SubscriptionChanged change)
    {
        if (change.Database == databaseName)
        {
            outgoing.Writer.TryWrite(change);
        }
        else
        {
            local.Publish(change);
        }
    }

    public IDisposable SubscribeToPerson(string database, int personId, Func<SubscriptionChanged, Task> handler) =>
        local.SubscribeToPerson(database, personId, handler);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                attempt = 0;
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                LogListenFailed(logger, e.GetType().Name);
                await Task.Delay(Reconnect[Math.Min(attempt++, Reconnect.Length - 1)], stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", Channel);
                    notify.Parameters.AddWithValue("payload", JsonSerializer.Serialize(change));
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
                {
                    // The database is away: at least the pages on this server hear of the change.
                    LogSendFailed(logger, e.GetType().Name);
                    local.Publish(change);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Deliver(string payload)
    {
        SubscriptionChanged? change;
        try
        {
            change = JsonSerializer.Deserialize<SubscriptionChanged>(payload);
        }
        catch (JsonException)
        {
            change = null;
        }

        // Only what this app sends, about this database, reaches a page; anything else on the channel is dropped.
        if (change is { Database: var database, PersonId: > 0, Description: not null, ActorName: not null, ActorId: not null } && database == databaseName)
        {
            local.Publish(change);
        }
        else
        {
            LogDropped(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed: listening on PostgreSQL failed ({Error}); trying again")]
    private static partial void LogListenFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed: a change could not be sent to the other servers ({Error}); this server's pages were told")]
    private static partial void LogSendFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed: a notification that is not a change of this database was dropped")]
    private static partial void LogDropped(ILogger logger);
}
