using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// Finds "the same person" the way pre-orders need it (docs/decisions/031): two people with a personnummer are the
/// same when the numbers are equal (any written form parses to the same 12 digits); when either has only a birth date,
/// they are the same when birth date and name (words in any order and case) agree.
/// </summary>
/// <typeparam name="T">What is remembered for a person, such as the line number where it was first seen.</typeparam>
internal sealed class PersonKeyIndex<T>
{
    private readonly Dictionary<string, T> byPersonnummer = new(StringComparer.Ordinal);
    private readonly Dictionary<(DateOnly BirthDate, string NameKey), T> byBirthDateAndName = [];
    private readonly Dictionary<(DateOnly BirthDate, string NameKey), T> byBirthDateAndNameWithoutPersonnummer = [];

    public int Count { get; private set; }

    public bool TryFind(Personnummer? personnummer, DateOnly birthDate, string nameKey, out T value)
    {
        if (personnummer is { } number)
        {
            return byPersonnummer.TryGetValue(number.Value, out value!)
                || byBirthDateAndNameWithoutPersonnummer.TryGetValue((birthDate, nameKey), out value!);
        }

        return byBirthDateAndName.TryGetValue((birthDate, nameKey), out value!);
    }

    /// <summary>Remembers a person; the first value stays when the same person is added again.</summary>
    public void Add(Personnummer? personnummer, DateOnly birthDate, string nameKey, T value)
    {
        Count++;
        byBirthDateAndName.TryAdd((birthDate, nameKey), value);
        if (personnummer is { } number)
        {
            byPersonnummer.TryAdd(number.Value, value);
        }
        else
        {
            byBirthDateAndNameWithoutPersonnummer.TryAdd((birthDate, nameKey), value);
        }
    }
}
