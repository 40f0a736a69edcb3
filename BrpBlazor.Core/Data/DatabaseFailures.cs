using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Data;

/// <summary>What a failed SQLite command means for the staff member (docs/decisions/063).</summary>
public static class DatabaseFailures
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int UniqueViolation = 2067;

    /// <summary>
    /// Another writer held the database longer than the busy timeout (SQLITE_BUSY / SQLITE_LOCKED): nothing was
    /// stored, and the same request a moment later will normally go through.
    /// </summary>
    public static bool IsBusy(Exception exception) => Sqlite(exception) is { SqliteErrorCode: Busy or Locked };

    /// <summary>The unique index on <paramref name="table"/>.<paramref name="column"/> refused the row.</summary>
    public static bool IsUniqueViolation(Exception exception, string table, string column) =>
        Sqlite(exception) is { SqliteExtendedErrorCode: UniqueViolation } sqlite
        && sqlite.Message.Contains($"{table}.{column}", StringComparison.Ordinal);

    private static SqliteException? Sqlite(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite,
        DbUpdateException { InnerException: SqliteException inner } => inner,
        _ => null,
    };
}
