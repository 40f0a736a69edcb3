using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BrpBlazor.Core.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the app. SQLite by default; PostgreSQL's
/// migrations are made with <c>-- --provider PostgreSql</c> (and <c>-o Data/Migrations/PostgreSql</c>, see
/// BrpBlazor.Core/README.md). No database is opened to add a migration.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BrpDbContext>
{
    public BrpDbContext CreateDbContext(string[] args)
    {
        var index = Array.FindIndex(args, a => a == "--provider");
        var provider = index >= 0 && index + 1 < args.Length ? DatabaseProviders.Parse(args[index + 1]) : DatabaseProvider.Sqlite;
        return new(provider switch
        {
            DatabaseProvider.PostgreSql => new DbContextOptionsBuilder<BrpDbContext>().UseBrpPostgreSql("Host=localhost;Database=design_time").Options,
            DatabaseProvider.Sqlite => new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite("Data Source=design-time.db").Options,
            _ => throw new ArgumentException("--provider is Sqlite or PostgreSql"),
        });
    }
}
