using BrpBlazor.App.Infrastructure.Operations;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// What issue 16 added that an attacker could reach: the change-feed channel in the database (anyone who can write to
/// the database can NOTIFY on it) and the database settings.
/// </summary>
public sealed class PostgreSqlSurfaceTests : IAsyncLifetime
{
    private TestPostgres.Database database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ChangeFeed_ForgedOrMalformedNotifications_ReachNoPage_ARealChangeDoes()
    {
        using var feed = new PostgreSqlChangeFeed(database.ConnectionString, "main", NullLogger<PostgreSqlChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        await feed.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        var heard = new List<SubscriptionChanged>();
        using var subscription = feed.SubscribeToPerson("main", 7, change =>
        {
            lock (heard)
            {
                heard.Add(change);
            }

            return Task.CompletedTask;
        });

        foreach (var payload in new[]
        {
            "not json",
            "{\"Database\":\"main\",\"PersonId\":7}",
            "{\"Database\":\"sandbox-0123456789abcdef0123456789abcdef\",\"PersonId\":7,\"SubscriptionId\":1,\"Version\":2,\"Description\":\"x\",\"ActorName\":\"x\",\"ActorId\":\"x\"}",
            "{\"Database\":\"main\",\"PersonId\":-7,\"SubscriptionId\":1,\"Version\":2,\"Description\":\"x\",\"ActorName\":\"x\",\"ActorId\":\"x\"}",
        })
        {
            await TestPostgres.ExecuteAsync($"SELECT pg_notify('{PostgreSqlChangeFeed.Channel}', '{payload.Replace("'", "''", StringComparison.Ordinal)}')", database.Name);
        }

        // A real change, sent the way the app sends it, arrives: the forged ones before it would have too.
        feed.Publish(new SubscriptionChanged("main", 7, 1, 2, "Frysning lades in", "Anna Reception", "anna"));
        for (var attempt = 0; attempt < 100 && heard.Count == 0; attempt++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(200);
        var change = Assert.Single(heard);
        Assert.Equal("Frysning lades in", change.Description);
        await feed.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("Oracle", null, "Brp:Database:Provider is 'Oracle'; it must be Sqlite or PostgreSql")]
    [InlineData("PostgreSql", null, "ConnectionStrings:Brp is not set; PostgreSQL needs one")]
    [InlineData("PostgreSql", "Database=brp;Password=hemligt", "ConnectionStrings:Brp has no Host")]
    [InlineData("PostgreSql", "Host=db1;Password=hemligt;Nonsense Key=1", "ConnectionStrings:Brp cannot be read as a PostgreSQL connection string")]
    public void DatabaseSettings_Wrong_OneLineThatNamesTheSettingAndNeverThePassword(string provider, string? connectionString, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Brp:Database:Provider"] = provider,
            ["ConnectionStrings:Brp"] = connectionString,
        }).Build();

        var problem = DatabaseLocation.Problem(configuration, new ProductionEnvironment());

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hemligt", problem, StringComparison.Ordinal);
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "BrpBlazor.App";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
