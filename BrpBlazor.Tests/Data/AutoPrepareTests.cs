using BrpBlazor.Core.Data;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrpBlazor.Tests.Data;

/// <summary>Npgsql's automatic preparation is on unless the operator's connection string says otherwise (decision 147).</summary>
public class AutoPrepareTests
{
    [Theory]
    [InlineData("Host=db1;Database=brp;Username=brp;Password=x", DatabaseProviders.AutoPrepareStatements)]
    [InlineData("Host=db1;Database=brp;Max Auto Prepare=0", 0)]
    [InlineData("Host=db1;Database=brp;maxautoprepare=4", 4)]
    public void TheConnectionString_GetsAutoPrepare_UnlessItSetsItsOwn(string connectionString, int expected)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseProviders.WithAutoPrepare(connectionString));
        Assert.Equal(expected, settings.MaxAutoPrepare);
        Assert.Equal("db1", settings.Host);
    }

    [Fact]
    public async Task OnPostgreSql_ALookupTheAppRepeats_IsPreparedOnTheServer()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<BrpDbContext>().UseBrpPostgreSql(database.ConnectionString).Options;
        await using var db = new BrpDbContext(options);
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 8; i++)
        {
            _ = await db.People.CountAsync(p => p.Id > i);
        }

        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM \"People\"%'", (NpgsqlConnection)db.Database.GetDbConnection());
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }
}
