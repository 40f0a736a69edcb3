using BrpBlazor.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Common;

/// <summary>
/// Which database the current user works in: the real one, or (demo mode) their own sandbox.
/// <see cref="Name"/> keeps change notifications of different databases apart.
/// </summary>
public interface IBrpDatabase
{
    string Name { get; }

    DbContextOptions<BrpDbContext> Options { get; }
}

public sealed class BrpDatabase(string name, DbContextOptions<BrpDbContext> options) : IBrpDatabase
{
    public string Name { get; } = name;

    public DbContextOptions<BrpDbContext> Options { get; } = options;

    public static BrpDatabase ForConnectionString(string name, string connectionString) =>
        new(name, new DbContextOptionsBuilder<BrpDbContext>().UseSqlite(connectionString).Options);
}

/// <summary>One short-lived context per operation, on the current user's database (a Blazor circuit lives for hours).</summary>
public sealed class BrpDbContextFactory(IBrpDatabase database) : IDbContextFactory<BrpDbContext>
{
    public BrpDbContext CreateDbContext() => new(database.Options);
}
