using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Data;

/// <summary>
/// Applies the checked-in migrations of the provider in use. SQLite's file is switched to WAL, so readers never wait
/// for a writer. On PostgreSQL several servers may start at once: EF Core's migration lock lets one of them migrate
/// while the others wait, and then finds nothing left to do (docs/decisions/131).
/// </summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(DbContextOptions<BrpDbContext> options, CancellationToken cancellationToken = default)
    {
        await using var db = new BrpDbContext(options);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
