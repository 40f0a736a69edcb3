using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a free port), on its own SQLite file, with a fixed business date.
/// Browser tests and HTTP tests talk to it like a tablet would.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "ett-langt-losenord-for-test";

    private readonly string databasePath;
    private readonly bool ownsDatabase;
    private readonly string spoolFolder = Path.Combine(Path.GetTempPath(), $"brp-app-spool-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> settings;
    private readonly string environment;

    private readonly bool useTestClock;

    /// <summary>The PostgreSQL database this instance made for itself (BRP_TEST_DATABASE=PostgreSql), dropped on dispose.</summary>
    private readonly TestPostgres.Database? ownPostgres;

    /// <param name="databasePath">A database file to share with another instance (kept after dispose); default a new one.</param>
    /// <param name="environment">The hosting environment; Production shows what an installation does.</param>
    /// <param name="postgreSql">A PostgreSQL database to share with another instance (a second server); default: the
    /// test run's database choice, a new database of its own.</param>
    public AppFactory(
        DateOnly? today = null, IDictionary<string, string?>? settings = null, bool useTestClock = true, string? databasePath = null, string environment = "Development",
        string? postgreSql = null)
    {
        this.useTestClock = useTestClock;
        this.environment = environment;
        ownsDatabase = databasePath is null;
        this.databasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"brp-app-{Guid.NewGuid():N}.db");
        Clock = new TestClock(today ?? TestClock.DefaultToday);
        this.settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Brp"] = $"Data Source={this.databasePath}",
            ["Brp:SeedDevelopmentData"] = "false",
            ["Brp:TempFolder"] = spoolFolder,

            // Journeys sign in often from 127.0.0.1; the throttle's own tests set the real limit.
            ["Brp:SignInAttemptsPerMinute"] = "1000",
        };
        if (postgreSql is null && databasePath is null && TestDatabases.Provider == Core.Data.DatabaseProvider.PostgreSql)
        {
            ownPostgres = TestPostgres.CreateDatabaseAsync().GetAwaiter().GetResult();
            postgreSql = ownPostgres.ConnectionString;
        }

        if (postgreSql is not null)
        {
            this.settings["Brp:Database:Provider"] = "PostgreSql";
            this.settings["ConnectionStrings:Brp"] = postgreSql;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }

        UseKestrel(0);
    }

    public TestClock Clock { get; }

    /// <summary>Every log line the app wrote (the personnummer scan reads them).</summary>
    public CapturedLogs Logs { get; } = new();

    public string BaseAddress { get; private set; } = string.Empty;

    public string DatabasePath => databasePath;

    public string SpoolFolder => spoolFolder;

    /// <summary>Starts Kestrel and returns the address it listens on.</summary>
    public string Start()
    {
        if (BaseAddress.Length == 0)
        {
            StartServer();
            var server = Services.GetRequiredService<IServer>();
            BaseAddress = server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }

        return BaseAddress;
    }

    /// <summary>Creates a staff account holding <paramref name="rights"/>; the password is <see cref="Password"/>.</summary>
    public async Task<string> CreateStaffAsync(string userName, string displayName, params Right[] rights)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = displayName, LockoutEnabled = true };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Description)));
        }

        if (rights.Length > 0)
        {
            await users.AddToRolesAsync(user, rights.Select(r => r.ToString()));
        }

        return user.Id;
    }

    /// <summary>A short-lived context on the app's database, for arranging and checking data.</summary>
    public BrpDbContext NewContext()
    {
        var database = Services.GetRequiredService<BrpDatabase>();
        return new BrpDbContext(database.Options);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(services =>
        {
            if (useTestClock)
            {
                services.AddScoped<IBusinessClock>(_ => Clock);
            }
        });
    }

    /// <summary>The app's PostgreSQL connection string, or null on SQLite.</summary>
    public string? PostgreSql => settings.GetValueOrDefault("Brp:Database:Provider") == "PostgreSql" ? settings["ConnectionStrings:Brp"] : null;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        ownPostgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        if (ownsDatabase)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
        }

        if (Directory.Exists(spoolFolder))
        {
            Directory.Delete(spoolFolder, recursive: true);
        }
    }
}
