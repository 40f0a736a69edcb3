using BrpBlazor.Benchmarks.Data;
using BrpBlazor.Benchmarks.Harness;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;

namespace BrpBlazor.Benchmarks.Suggestions;

/// <summary>
/// The pre-orders and lookups of the suggestion benchmarks (fixed seed), the same for SQLite and PostgreSQL: the same
/// people, the same rows in the same order (so the same ids, redeemed and withdrawn ones), the same lookups.
/// </summary>
public sealed class SuggestionData
{
    public const int Seed = 5_000_001;
    public const int Organisations = 40;
    public const double BirthDateOnlyShare = 0.03;
    public static readonly DateOnly Today = FixedClock.BenchmarkToday;

    /// <summary>Applied after the rows are stored, on either database: every 11th redeemed, then every 17th still open withdrawn.</summary>
    public static readonly string[] StatusUpdates =
    [
        "UPDATE \"PreOrders\" SET \"Status\" = 'Redeemed', \"RedeemedSubscriptionId\" = NULL WHERE \"Id\" % 11 = 0",
        "UPDATE \"PreOrders\" SET \"Status\" = 'Withdrawn', \"WithdrawnReason\" = 'Slutat' WHERE \"Id\" % 17 = 0 AND \"Status\" = 'Open'",
    ];

    private static readonly DateRange[] Validities =
    [
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
        new(new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 31)),
    ];

    private readonly List<Holding> holdings;

    private SuggestionData(List<GeneratedPerson> people, List<GeneratedPerson> birthDateOnly, List<Holding> holdings, List<RedeemIdentity> identities)
    {
        People = people;
        BirthDateOnly = birthDateOnly;
        this.holdings = holdings;
        Identities = identities;
    }

    public IReadOnlyList<GeneratedPerson> People { get; }

    public IReadOnlyList<GeneratedPerson> BirthDateOnly { get; }

    /// <summary>Warm-up lookups first, then the measured ones.</summary>
    public IReadOnlyList<RedeemIdentity> Identities { get; }

    public int PreOrders => holdings.Count;

    public static SuggestionData Generate(BenchOptions options)
    {
        var generator = new SwedishPeople(Seed);
        var people = Enumerable.Range(0, options.SuggestionPeople).Select(_ => generator.Next()).ToList();
        var birthDateOnlyCount = (int)(options.SuggestionPreOrders * BirthDateOnlyShare);
        var birthDateOnly = Enumerable.Range(0, birthDateOnlyCount).Select(_ => generator.Next(birthDateOnly: true)).ToList();

        // Every person once, the birth-date-only people once, the rest people who hold pre-orders from several organisations.
        var holders = new List<GeneratedPerson>(options.SuggestionPreOrders);
        holders.AddRange(people);
        holders.AddRange(birthDateOnly);
        while (holders.Count < options.SuggestionPreOrders)
        {
            holders.Add(people[generator.NextInt(people.Count)]);
        }

        var holdings = holders
            .Select(p => new Holding(p, generator.NextInt(Organisations), generator.NextInt(3), generator.NextDouble() switch { < 0.7 => 0, < 0.9 => 1, _ => 2 }))
            .ToList();
        return new SuggestionData(people, birthDateOnly, holdings, CreateIdentities(people, birthDateOnly, options.SuggestionLookups + options.SuggestionWarmup));
    }

    /// <summary>The three products and the organisations that sell them, in a fresh database; their ids in creation order.</summary>
    public static async Task<(IReadOnlyList<int> Organisations, IReadOnlyList<int> Products)> AddRegistersAsync(BrpDbContext db)
    {
        var gym = await Registers.AddProductAsync(db, "Gym 12 mån autogiro", 349);
        var gold = await Registers.AddProductAsync(db, "Guld 12 mån autogiro", 449);
        var swim = await Registers.AddProductAsync(db, "Bad och gym", 399);
        var organisations = new List<int>();
        for (var i = 0; i < Organisations; i++)
        {
            var organisation = await Registers.AddOrganisationAsync(db, $"Förbeställare {i + 1:D2} AB", (gym, 299), (gold, 399), (swim, 349));
            organisations.Add(organisation.Id);
        }

        return (organisations, [gym.Id, gold.Id, swim.Id]);
    }

    /// <summary>
    /// The pre-orders grouped by organisation, product and validity (one import each, in the order the groups first
    /// appear), so both databases store them in the same order and give them the same ids.
    /// </summary>
    public IEnumerable<IEnumerable<PreOrder>> Groups(IReadOnlyList<int> organisations, IReadOnlyList<int> products)
    {
        var created = Today.AddDays(-30).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        return holdings
            .GroupBy(h => (h.Organisation, h.Product, h.Validity))
            .Select(group => group.Select(h => PreOrder.Create(
                new PreOrderDraft(organisations[h.Organisation], products[h.Product], Validities[h.Validity], h.Person.Name, h.Person.Personnummer, h.Person.BirthDate, h.Person.Email),
                "bench-seed", created)));
    }

    /// <summary>Times each lookup after <paramref name="warmup"/> untimed ones, one at a time, and counts what they found.</summary>
    public static async Task<SuggestionLookups> MeasureAsync(
        IReadOnlyList<RedeemIdentity> identities, int warmup, CommandCounter counter, Func<RedeemIdentity, Task<IReadOnlyList<PreOrderSuggestion>>> lookup)
    {
        foreach (var identity in identities.Take(warmup))
        {
            await lookup(identity);
        }

        var commandsBefore = counter.Count;
        var times = new List<double>(identities.Count - warmup);
        var found = 0;
        var suggested = 0;
        foreach (var identity in identities.Skip(warmup))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await lookup(identity);
            times.Add(Stats.MillisecondsSince(started));
            found += result.Count > 0 ? 1 : 0;
            suggested += result.Count;
        }

        return new SuggestionLookups(new Stats(times), (counter.Count - commandsBefore) / (double)times.Count, found, suggested);
    }

    /// <summary>The app's lookup, as the wizard calls it.</summary>
    public static Func<RedeemIdentity, Task<IReadOnlyList<PreOrderSuggestion>>> App(RedeemSuggestions suggestions) =>
        async identity => (await suggestions.ForAsync(StaffActor.System, identity, Today)).Value;

    private static List<RedeemIdentity> CreateIdentities(List<GeneratedPerson> people, List<GeneratedPerson> birthDateOnly, int count)
    {
        var random = new Random(Seed + 1);
        var strangers = new SwedishPeople(Seed + 2);
        var list = new List<RedeemIdentity>(count);
        for (var i = 0; i < count; i++)
        {
            var draw = random.NextDouble();
            if (draw < 0.75)
            {
                var p = people[random.Next(people.Count)];
                list.Add(new RedeemIdentity(p.Personnummer, p.BirthDate, p.Name));
            }
            else if (draw < 0.85)
            {
                // Registered with a personnummer; the organisation only knew the birth date. The name may be written the other way round.
                var p = birthDateOnly[random.Next(birthDateOnly.Count)];
                var name = random.Next(2) == 0 ? p.Name : $"{p.LastName}, {p.FirstName}";
                list.Add(new RedeemIdentity(Personnummer.FromParts(p.BirthDate, random.Next(1, 1000)), p.BirthDate, name));
            }
            else
            {
                var p = strangers.Next();
                list.Add(new RedeemIdentity(strangers.Unused(), p.BirthDate, p.Name));
            }
        }

        return list;
    }

    private sealed record Holding(GeneratedPerson Person, int Organisation, int Product, int Validity);
}

/// <summary>The timings of one series of lookups, the SQL commands per lookup, how many found something and how many suggestions in all.</summary>
public sealed record SuggestionLookups(Stats Stats, double Commands, int Found, int Suggested);
