using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BrpBlazor.Core.Data;

/// <summary>
/// The database engine behind <see cref="BrpDbContext"/>: SQLite, one file and one server (the embedded default), or
/// PostgreSQL, one database shared by several servers (docs/decisions/130). Chosen by <c>Brp:Database:Provider</c>.
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviders
{
    /// <summary>Where each provider's checked-in migrations live (<see cref="ProviderMigrationsAssembly"/>).</summary>
    internal static string MigrationsNamespace(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "BrpBlazor.Core.Data.Migrations",
        DatabaseProvider.PostgreSql => "BrpBlazor.Core.Data.Migrations.PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>
    /// The provider named in configuration ("Sqlite" or "PostgreSql", any case); a missing value is SQLite and an
    /// unknown one null, so the start-up check can say so.
    /// </summary>
    public static DatabaseProvider? Parse(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(configured.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : null;

    /// <summary>
    /// <paramref name="provider"/> on <paramref name="connectionString"/>, with what the app needs on every
    /// connection: the Swedish collation and durable commits on SQLite; the write lock on PostgreSQL; and on both
    /// only this provider's migrations.
    /// </summary>
    public static DbContextOptionsBuilder<BrpDbContext> UseBrpDatabase(
        this DbContextOptionsBuilder<BrpDbContext> builder, DatabaseProvider provider, string connectionString)
    {
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseBrpSqlite(connectionString),
            DatabaseProvider.PostgreSql => builder.UseBrpPostgreSql(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
    }

    /// <summary>
    /// PostgreSQL on a connection string: every write transaction takes the app's write lock (decision 130), waiting at
    /// most <paramref name="writeLockWaitSeconds"/> for it.
    /// </summary>
    public static DbContextOptionsBuilder<BrpDbContext> UseBrpPostgreSql(
        this DbContextOptionsBuilder<BrpDbContext> builder, string connectionString, int writeLockWaitSeconds = PostgreSqlWriteLock.WaitSeconds) =>
        builder.UseNpgsql(WithAutoPrepare(connectionString))
            .AddInterceptors(writeLockWaitSeconds == PostgreSqlWriteLock.WaitSeconds ? PostgreSqlWriteLock.Instance : new PostgreSqlWriteLock(writeLockWaitSeconds))
            .OnlyThisProvidersMigrations();

    /// <summary>
    /// Npgsql prepares the statements a connection sends most often (<c>Max Auto Prepare</c>, decision 147): the redeem
    /// wizard's suggestions are planned once per connection instead of on every lookup. A connection string that sets
    /// it keeps its own value (0 turns it off).
    /// </summary>
    public const int AutoPrepareStatements = 16;

    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder knows every keyword, so whether the operator wrote one is asked of the plain text.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", string.Empty, StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepareStatements }.ConnectionString;
    }

    /// <summary>The provider of a configured context (null when the options name neither).</summary>
    public static DatabaseProvider? Of(DbContextOptions<BrpDbContext> options)
    {
        using var db = new BrpDbContext(options);
        return Of(db);
    }

    public static DatabaseProvider? Of(DbContext db) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSql,
        _ => null,
    };

    internal static DbContextOptionsBuilder<BrpDbContext> OnlyThisProvidersMigrations(this DbContextOptionsBuilder<BrpDbContext> builder) =>
        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
}
