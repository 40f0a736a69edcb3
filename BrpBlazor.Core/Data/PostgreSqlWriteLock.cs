using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.Core.Data;

/// <summary>
/// On PostgreSQL every write transaction (an explicit one, or the one EF Core opens for <c>SaveChanges</c>) first takes
/// one transaction-scoped advisory lock, so writers take turns exactly as SQLite's <c>BEGIN IMMEDIATE</c> makes them
/// take turns on one file, now across every server on the database. The rules that check and then write (one
/// pre-order, one subscription; a product name offered once; the first administrator; a re-import adds nothing) keep
/// the guarantee they have on SQLite without being written twice (docs/decisions/130). Reads never take it. A writer
/// that waits longer than <see cref="WaitSeconds"/> gets PostgreSQL's lock_not_available, which
/// <see cref="DatabaseFailures.IsBusy"/> reads as "busy, try again", like SQLite's busy timeout.
/// </summary>
internal sealed class PostgreSqlWriteLock(int waitSeconds = PostgreSqlWriteLock.WaitSeconds) : DbTransactionInterceptor
{
    public static readonly PostgreSqlWriteLock Instance = new();

    /// <summary>The advisory lock's key: "BrpWrite" as ASCII in a bigint, so it cannot clash with another app's by chance.</summary>
    public const long Key = 0x4272705772697465;

    /// <summary>As long as SQLite's default busy timeout.</summary>
    public const int WaitSeconds = 30;

    /// <summary>What a writer runs first: the app's own writers, and anything else that writes beside them.</summary>
    public static string TakeSql(int waitSeconds) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{waitSeconds}s'; SELECT pg_advisory_xact_lock({Key});");

    private readonly string sql = TakeSql(waitSeconds);

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Command(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
