using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.Core.Data;

/// <summary>
/// Swedish alphabetical order inside SQLite (… x, y, z, å, ä, ö; upper and lower case together), as the collation
/// <see cref="Name"/>. SQLite's own order compares bytes, which puts Ä before Å and "Bo" before "anna". Queries that
/// sort names say <c>EF.Functions.Collate(name, SwedishCollation.Name)</c>; every connection gets the collation
/// through <see cref="UseBrpSqlite(DbContextOptionsBuilder{BrpDbContext}, string)"/>.
/// </summary>
public static class SwedishCollation
{
    public const string Name = "SV";

    /// <summary>
    /// The same order on PostgreSQL: ICU's Swedish at secondary strength (accents count, case does not), as the
    /// non-deterministic collation <see cref="Name"/> that the PostgreSQL migrations create.
    /// </summary>
    public const string IcuLocale = "sv-SE-u-ks-level2";

    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    public static int Compare(string? x, string? y) => Swedish.Compare(x, y, CompareOptions.IgnoreCase);

    /// <summary>Registers the collation; an open connection gets it at once, a closed one each time it opens.</summary>
    public static void Register(SqliteConnection connection) => connection.CreateCollation(Name, Compare);

    /// <summary>SQLite on a connection string, with the Swedish collation on every connection EF Core creates.</summary>
    public static DbContextOptionsBuilder<BrpDbContext> UseBrpSqlite(this DbContextOptionsBuilder<BrpDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(RegisteringInterceptor.Instance).OnlyThisProvidersMigrations();

    /// <summary>SQLite on a connection the caller owns (tests keep an in-memory database open), with the collation.</summary>
    public static DbContextOptionsBuilder<BrpDbContext> UseBrpSqlite(this DbContextOptionsBuilder<BrpDbContext> builder, SqliteConnection connection)
    {
        Register(connection);
        return builder.UseSqlite(connection).OnlyThisProvidersMigrations();
    }

    private sealed class RegisteringInterceptor : DbConnectionInterceptor
    {
        public static readonly RegisteringInterceptor Instance = new();

        public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
        {
            if (result is SqliteConnection sqlite)
            {
                Register(sqlite);
            }

            return result;
        }

        // A commit the desk was told about survives a power cut: WAL with synchronous=FULL (decision 092).
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Durable(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Durable(connection);
            return Task.CompletedTask;
        }

        private static void Durable(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
        }
    }
}
