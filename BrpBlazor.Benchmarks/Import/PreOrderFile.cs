using System.Globalization;
using System.Text;
using BrpBlazor.Benchmarks.Data;

namespace BrpBlazor.Benchmarks.Import;

/// <summary>
/// A pre-order file as an organisation sends it: Windows-1252 (what Excel writes), semicolons, a header line, names with
/// å, ä and ö. Most lines carry a personnummer (12 or 10 digits with a dash), a few only a birth date, most an e-mail.
/// </summary>
public static class PreOrderFile
{
    public const double BirthDateOnlyShare = 0.05;

    public static List<GeneratedPerson> People(int count, int seed)
    {
        var people = new SwedishPeople(seed);
        var list = new List<GeneratedPerson>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(people.Next(birthDateOnly: people.NextDouble() < BirthDateOnlyShare));
        }

        return list;
    }

    public static void Write(string path, IReadOnlyList<GeneratedPerson> people)
    {
        var random = new Random(people.Count);
        using var writer = new StreamWriter(path, false, Encoding.GetEncoding(1252), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine("Namn;Personnummer;E-postadress");
        foreach (var p in people)
        {
            var identity = p.Personnummer is { } number
                ? random.NextDouble() < 0.1 ? $"{number.TenDigits[..6]}-{number.TenDigits[6..]}" : number.Formatted
                : p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.Write(p.Name);
            writer.Write(';');
            writer.Write(identity);
            writer.Write(';');
            writer.WriteLine(p.Email);
        }
    }
}
