using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.App.Components.Shared;

/// <summary>
/// Core's refusals placed next to the fields they concern, by the start of their codes ("personnummer." goes
/// under the personnummer field). What no field claims is shown above the buttons.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<Error> errors = [];

    public bool Any => errors.Count > 0;

    public void Set(IEnumerable<Error> refusals)
    {
        errors.Clear();
        errors.AddRange(refusals);
    }

    public void Add(Error error) => errors.Add(error);

    public void Clear() => errors.Clear();

    /// <summary>Forgets the messages of a field, typically when staff change its value.</summary>
    public void Clear(params string[] prefixes) => errors.RemoveAll(e => Matches(e, prefixes));

    public bool Has(params string[] prefixes) => errors.Any(e => Matches(e, prefixes));

    /// <summary>The messages for a field, one per line; null when there are none.</summary>
    public string? For(params string[] prefixes)
    {
        var messages = errors.Where(e => Matches(e, prefixes)).Select(e => e.Message).Distinct().ToList();
        return messages.Count == 0 ? null : string.Join(". ", messages);
    }

    /// <summary>The messages no field has claimed (rights, someone else's change, not found).</summary>
    public IEnumerable<string> Others(params string[] claimedPrefixes) =>
        errors.Where(e => !Matches(e, claimedPrefixes)).Select(e => e.Message).Distinct();

    private static bool Matches(Error error, string[] prefixes) =>
        prefixes.Any(p => error.Code.StartsWith(p, StringComparison.Ordinal));
}
