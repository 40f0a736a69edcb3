using System.Globalization;
using System.Text.Json;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Tests.Domain.People;

/// <summary>
/// The test vectors the personnummer libraries of about twenty languages share (personnummer/meta, MIT),
/// copied unchanged into TestData/conformance. The two-digit spellings are resolved against a fixed today.
/// </summary>
public class ConformanceTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    public static TheoryData<string, bool, string, string> ListEntries()
    {
        // An invalid entry may spell its long and separated-long forms alike; each spelling is tested once.
        var data = new TheoryData<string, bool, string, string>();
        var seen = new HashSet<(string, bool, string, string)>();
        foreach (var entry in Load("list.json").EnumerateArray())
        {
            var valid = entry.GetProperty("valid").GetBoolean();
            var type = entry.GetProperty("type").GetString()!;
            var longFormat = entry.GetProperty("long_format").GetString()!;
            foreach (var form in new[] { "long_format", "short_format", "separated_format", "separated_long" })
            {
                var row = (entry.GetProperty(form).GetString()!, valid, type, form == "short_format" ? string.Empty : longFormat);
                if (seen.Add(row))
                {
                    data.Add(row.Item1, row.valid, row.type, row.Item4);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ListEntries))]
    public void List_EverySpelling_ValidityAndTypeAgree(string input, bool valid, string type, string expectedLong)
    {
        var parsed = Personnummer.TryParse(input, Today, out var pnr, out _);
        Assert.Equal(valid, parsed);
        if (parsed)
        {
            Assert.Equal(type == "con", pnr.IsSamordningsnummer);
            if (expectedLong.Length > 0)
            {
                Assert.Equal(expectedLong, pnr.Value);
            }
        }
    }

    public static TheoryData<string, bool> StructuredEntries()
    {
        // The shared file lists some numbers under several representations; each (input, validity) is tested once.
        var data = new TheoryData<string, bool>();
        var seen = new HashSet<(string, bool)>();
        foreach (var kind in Load("structured.json").EnumerateObject())
        {
            foreach (var representation in kind.Value.EnumerateObject())
            {
                foreach (var validity in new[] { "valid", "invalid" })
                {
                    foreach (var value in representation.Value.GetProperty(validity).EnumerateArray())
                    {
                        var input = value.ValueKind == JsonValueKind.Number ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : value.GetString()!;
                        if (seen.Add((input, validity == "valid")))
                        {
                            data.Add(input, validity == "valid");
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StructuredEntries))]
    public void Structured_ValidAndInvalidInputs(string input, bool valid) =>
        Assert.Equal(valid, Personnummer.TryParse(input, Today, out _, out _));

    public static TheoryData<string, string> OrganisationEntries()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in Load("orgnumber.json").EnumerateArray())
        {
            data.Add(entry.GetProperty("short_format").GetString()!, entry.GetProperty("separated_format").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrganisationEntries))]
    public void Orgnumber_IsAnOrganisationsnummer_AndNotAPersonnummer(string shortFormat, string separated)
    {
        Assert.False(Personnummer.TryParse(shortFormat, Today, out _, out _));
        Assert.False(Personnummer.TryParse(separated, Today, out _, out _));
        Assert.True(Organisationsnummer.TryParse(shortFormat, out var fromShort, out _));
        Assert.True(Organisationsnummer.TryParse(separated, out var fromSeparated, out _));
        Assert.Equal(fromShort, fromSeparated);
        Assert.Equal(separated, fromShort.Formatted);
    }

    public static TheoryData<string> InterimEntries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Load("interim.json").EnumerateArray())
        {
            foreach (var form in new[] { "long_format", "short_format", "separated_format", "separated_long" })
            {
                data.Add(entry.GetProperty(form).GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InterimEntries))]
    public void Interim_NumbersWithLetters_AreNotPersonnummer(string input) =>
        Assert.False(Personnummer.TryParse(input, Today, out _, out _));

    [Fact]
    public void ValidPersonnummer_AreNotOrganisationsnummer()
    {
        foreach (var entry in Load("list.json").EnumerateArray().Where(e => e.GetProperty("valid").GetBoolean()))
        {
            Assert.False(Organisationsnummer.TryParse(entry.GetProperty("short_format").GetString(), out _, out _));
        }
    }

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance", file))).RootElement;
}
