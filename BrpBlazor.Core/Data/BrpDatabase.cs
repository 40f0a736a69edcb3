using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BrpBlazor.Core.Data;

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

    public static BrpDatabase ForConnectionString(string name, string connectionString, params IInterceptor[] interceptors) =>
        For(DatabaseProvider.Sqlite, name, connectionString, interceptors);

    public static BrpDatabase For(DatabaseProvider provider, string name, string connectionString, params IInterceptor[] interceptors) =>
        new(name, new DbContextOptionsBuilder<BrpDbContext>().UseBrpDatabase(provider, connectionString).AddInterceptors(interceptors).Options);
}

/// <summary>
/// One short-lived context per operation, on the current user's database (a Blazor circuit lives for hours). Contexts
/// come from a pool kept per database: a context handed back is reset and reused, so each operation skips setting up
/// EF Core's services for a new context (docs/decisions/052). Every context is still disposed after its operation.
/// </summary>
public sealed class BrpDbContextFactory(IBrpDatabase database) : IDbContextFactory<BrpDbContext>
{
    /// <summary>More contexts than this in use at once are created and thrown away as before.</summary>
    private const int PoolSize = 128;

    private static readonly ConditionalWeakTable<DbContextOptions<BrpDbContext>, PooledDbContextFactory<BrpDbContext>> Pools = [];

    public BrpDbContext CreateDbContext() =>
        Pools.GetValue(database.Options, static options => new PooledDbContextFactory<BrpDbContext>(options, PoolSize)).CreateDbContext();
}
