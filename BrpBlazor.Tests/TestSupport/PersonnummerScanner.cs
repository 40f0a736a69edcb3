using System.Text.RegularExpressions;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>Finds Luhn-valid 10- or 12-digit personnummer (with or without separator) in text.</summary>
public static partial class PersonnummerScanner
{
    public static IReadOnlyList<string> Find(IEnumerable<string> lines, DateOnly today) =>
        lines.SelectMany(line => Candidate().Matches(line).Select(m => (Line: line, m.Value)))
            .Where(hit => Personnummer.TryParse(hit.Value, today, out _))
            .Select(hit => hit.Line)
            .Distinct()
            .ToList();

    [GeneratedRegex(@"(?<!\d)(\d{8}|\d{6})[-+]?\d{4}(?!\d)")]
    private static partial Regex Candidate();
}
