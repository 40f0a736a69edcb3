using System.Globalization;
using System.Runtime;
using BrpBlazor.App.Infrastructure.Operations;
using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Data.Identity;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrpBlazor.Benchmarks.Circuits;

/// <summary>
/// The app, started for the circuits benchmark in a process of its own (so its heap holds nothing of the browser driver):
/// the real <c>Program</c> on Kestrel at 127.0.0.1, its own SQLite file, the benchmark's fixed date, one receptionist and
/// one member with years of history per page. It answers the benchmark on standard input/output: <c>gc</c> forces a full,
/// compacting collection and reports the managed heap and the open circuits; <c>quit</c> stops it.
/// Options after the two arguments: <c>--idle MINUTES</c> (<c>Brp:IdleCircuitMinutes</c>, default 0: never pause),
/// <c>--postgres</c> (the second argument is then a PostgreSQL connection string) and <c>--no-seed</c> (a second
/// server on a database the first one seeded).
/// </summary>
public static class CircuitServer
{
    public const string Command = "circuit-server";
    public const string Password = "ett-langt-losenord-for-benchmark";
    public const string Prefix = "@@";

    public static async Task<int> RunAsync(string[] args)
    {
        var people = int.Parse(args[0], CultureInfo.InvariantCulture);
        var database = args[1];
        var idle = args.SkipWhile(a => a != "--idle").Skip(1).FirstOrDefault() ?? "0";
        var postgres = args.Contains("--postgres");
        await using var app = new BenchAppFactory(database, postgres, idle);
        var address = app.Start();

        // The app's own open-circuits counter (the gauge brp_circuits_open).
        var counter = app.Services.GetRequiredService<OpenCircuits>();
        var personIds = args.Contains("--no-seed") ? [] : await SeedAsync(app, people);
        Reply($"ready {address} {Environment.ProcessId} {(personIds.Count == 0 ? "-" : string.Join(',', personIds))}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "gc")
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }

                Reply($"memory {GC.GetTotalMemory(false)} {counter.Count} {Environment.WorkingSet}");
            }
            else if (line == "quit")
            {
                break;
            }
        }

        return 0;
    }

    public static string UserName(int page) => $"bench-{page}";

    private static void Reply(string text)
    {
        Console.WriteLine(Prefix + text);
        Console.Out.Flush();
    }

    private static async Task<List<int>> SeedAsync(BenchAppFactory app, int people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var database = app.Services.GetRequiredService<BrpDatabase>();
        var generator = new SwedishPeople(9_000_009);
        var random = new Random(9_000_009);
        var personIds = new List<int>();
        await using var db = new BrpDbContext(database.Options);
        var gym = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
        await Registers.AddProductAsync(db, "Guld 12 mån autogiro", 499);
        for (var i = 0; i < people; i++)
        {
            var user = new StaffUser { UserName = UserName(i), DisplayName = $"Reception {i}", LockoutEnabled = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, nameof(Right.Reception))).Succeeded)
            {
                throw new InvalidOperationException(string.Join(", ", created.Errors.Select(e => e.Description)));
            }

            var (personId, _) = await Memberships.AddAsync(db, gym, generator.Next(), random, FixedClock.BenchmarkToday);
            personIds.Add(personId);
        }

        return personIds;
    }

    /// <summary>Like the tests' AppFactory: Kestrel on a free port, Development (static files from the build), a fixed date.</summary>
    private sealed class BenchAppFactory : WebApplicationFactory<Program>
    {
        private readonly string database;
        private readonly bool postgres;
        private readonly string idleMinutes;

        public BenchAppFactory(string database, bool postgres, string idleMinutes)
        {
            this.database = database;
            this.postgres = postgres;
            this.idleMinutes = idleMinutes;
            UseKestrel(0);
        }

        public string Start()
        {
            StartServer();
            var server = Services.GetRequiredService<IServer>();
            return server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("ConnectionStrings:Brp", postgres ? database : $"Data Source={database}");
            builder.UseSetting("Brp:Database:Provider", postgres ? "PostgreSql" : "Sqlite");
            builder.UseSetting("Brp:IdleCircuitMinutes", idleMinutes);
            builder.UseSetting("Brp:SeedDevelopmentData", "false");

            // Every tablet signs in from 127.0.0.1; the sign-in throttle is for the desk, not for the benchmark.
            builder.UseSetting("Brp:SignInAttemptsPerMinute", "100000");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureServices(services =>
            {
                services.AddScoped<IBusinessClock>(_ => new FixedClock(FixedClock.BenchmarkToday));
            });
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
        }
    }
}
