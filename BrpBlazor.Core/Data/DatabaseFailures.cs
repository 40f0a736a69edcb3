using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrpBlazor.Core.Data;

/// <summary>What a failed database command means for the staff member, on SQLite and on PostgreSQL (docs/decisions/063, 130).</summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteUniqueViolation = 2067;

    /// <summary>
    /// Another writer held the database longer than the wait allows (SQLite: SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL:
    /// the write lock or a row lock not had in time, a deadlock, a serialization failure): nothing was stored, and the
    /// same request a moment later will normally go through.
    /// </summary>
    public static bool IsBusy(Exception exception) => Find(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.SerializationFailure,
        _ => false,
    };

    /// <summary>The unique index on <paramref name="table"/>.<paramref name="column"/> refused the row.</summary>
    public static bool IsUniqueViolation(Exception exception, string table, string column) => Find(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueViolation
            && sqlite.Message.Contains($"{table}.{column}", StringComparison.Ordinal),

        // EF Core names a one-column unique index IX_<table>_<column>; a composite one carries more columns.
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation
            && postgres.TableName == table
            && postgres.ConstraintName is { } index && index.StartsWith($"IX_{table}_", StringComparison.Ordinal)
            && index[$"IX_{table}_".Length..].Split('_').Contains(column, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>Some unique index refused the row.</summary>
    public static bool IsUniqueViolation(Exception exception) => Find(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueViolation,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static Exception? Find(Exception exception) => exception switch
    {
        SqliteException or PostgresException => exception,
        DbUpdateException { InnerException: SqliteException or PostgresException } update => update.InnerException,
        InvalidOperationException { InnerException: PostgresException } wrapped => wrapped.InnerException,
        _ => null,
    };
}
