using System.Text;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>A generated person: a name with å, ä and ö, a valid personnummer (or only a birth date) and usually an e-mail address.</summary>
public sealed record GeneratedPerson(string Name, Personnummer? Personnummer, DateOnly BirthDate, string? Email)
{
    public string FirstName => Name[..Name.LastIndexOf(' ')];

    public string LastName => Name[(Name.LastIndexOf(' ') + 1)..];
}

/// <summary>
/// Deterministic people for the benchmarks (fixed seed): every personnummer is valid (<see cref="Personnummer.FromParts"/>) and
/// unique, and no two people share birth date and name, so every generated line is a distinct person to the import's rules.
/// </summary>
public sealed class SwedishPeople(int seed)
{
    private static readonly string[] FirstNames =
    [
        "Åsa", "Märta", "Björn", "Göran", "Örjan", "Jörgen", "Ängla", "Anna", "Erik", "Karin", "Lars", "Sofia", "Maja", "Oskar", "Elsa",
        "Håkan", "Sölve", "Ingrid", "Per", "Kjell", "Linnéa", "Åke", "Stina", "Nils", "Maria", "Johan", "Lena", "Mats", "Eva", "Hanna",
        "Anna-Karin", "Karl Johan", "Mårten", "Gösta", "Ebba", "Agnes", "Tove", "Signe", "Dag", "Jöns",
    ];

    private static readonly string[] LastNames =
    [
        "Nyström", "Åberg", "Söderström", "Lindqvist", "Öberg", "Bäckström", "Ekström", "Johansson", "Andersson", "Karlsson",
        "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jönsson", "Håkansson",
        "Sjöberg", "Löfgren", "Ågren", "Wallin", "Berglund", "Fältskog", "Strömberg", "Hägg", "Björk", "Dahlström",
        "Lindström", "Holmgren", "Åkesson", "Sandén", "Forsén", "Mälarstrand", "Grönlund", "Hedström", "Västberg", "Öhman",
    ];

    private static readonly DateOnly Earliest = new(1946, 1, 1);
    private static readonly int Days = new DateOnly(2007, 12, 31).DayNumber - Earliest.DayNumber + 1;

    private readonly Random random = new(seed);
    private readonly HashSet<long> numbers = [];
    private readonly HashSet<(DateOnly, string)> birthDatesAndNames = [];

    /// <summary>The next distinct person; <paramref name="birthDateOnly"/> gives one without a personnummer.</summary>
    public GeneratedPerson Next(bool birthDateOnly = false, double emailShare = 0.9)
    {
        while (true)
        {
            var day = random.Next(Days);
            var serial = random.Next(1, 1000);
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            var birthDate = Earliest.AddDays(day);
            if (!birthDateOnly && !numbers.Add(((long)day * 1000) + serial))
            {
                continue;
            }

            if (!birthDatesAndNames.Add((birthDate, PersonName.MatchKey(name))))
            {
                continue;
            }

            var email = random.NextDouble() < emailShare ? $"{Ascii(name).Replace(' ', '.')}{random.Next(1, 100)}@example.se" : null;
            return new GeneratedPerson(name, birthDateOnly ? null : Personnummer.FromParts(birthDate, serial), birthDate, email);
        }
    }

    /// <summary>A valid personnummer that <see cref="Next"/> has not handed out (and will not).</summary>
    public Personnummer Unused()
    {
        while (true)
        {
            var day = random.Next(Days);
            var serial = random.Next(1, 1000);
            if (numbers.Add(((long)day * 1000) + serial))
            {
                return Personnummer.FromParts(Earliest.AddDays(day), serial);
            }
        }
    }

    public int NextInt(int maxExclusive) => random.Next(maxExclusive);

    public double NextDouble() => random.NextDouble();

    private static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'å' or 'ä' => 'a',
                'ö' => 'o',
                'é' => 'e',
                _ => c,
            });
        }

        return sb.ToString().Replace("-", string.Empty, StringComparison.Ordinal);
    }
}
