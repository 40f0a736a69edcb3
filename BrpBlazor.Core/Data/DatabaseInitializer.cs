using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Data;

/// <summary>Applies the checked-in migrations and switches the file to WAL, so readers never wait for a writer.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(DbContextOptions<BrpDbContext> options, CancellationToken cancellationToken = default)
    {
        await using var db = new BrpDbContext(options);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
