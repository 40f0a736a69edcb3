using System.Globalization;
using System.Text;

namespace BrpBlazor.Benchmarks.Harness;

public enum Verdict
{
    /// <summary>A figure without a target of its own (a baseline, a detail).</summary>
    Info,
    Met,
    Missed,
}

/// <summary>One line of the table: what was measured, against what, the issue's target and whether it was met.</summary>
public sealed record ReportRow(string Area, string What, string Measured, string ComparedWith, string Target, Verdict Verdict);

/// <summary>The rows and notes of one run, printed as a table and written as Markdown.</summary>
public sealed class Report(MachineInfo machine, string command, bool smoke)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<ReportRow> rows = [];
    private readonly List<(string Area, string Text)> notes = [];
    private readonly List<string> failures = [];

    public IReadOnlyList<ReportRow> Rows => rows;

    /// <summary>Checks that failed (not timings): the run still writes its table, then exits with an error.</summary>
    public IReadOnlyList<string> Failures => failures;

    public MachineInfo Machine { get; } = machine;

    public void Add(ReportRow row)
    {
        rows.Add(row);
        var verdict = row.Verdict switch { Verdict.Met => "met", Verdict.Missed => "MISSED", _ => string.Empty };
        Console.WriteLine($"  {row.What}: {row.Measured}{(row.ComparedWith.Length > 0 ? $" ({row.ComparedWith})" : string.Empty)}{(row.Target.Length > 0 ? $"  target {row.Target} {verdict}" : string.Empty)}");
    }

    public void Add(string area, string what, string measured, string comparedWith = "", string target = "", bool? met = null) =>
        Add(new ReportRow(area, what, measured, comparedWith, target, met switch { true => Verdict.Met, false => Verdict.Missed, null => Verdict.Info }));

    public void Note(string area, string text)
    {
        notes.Add((area, text));
        Console.WriteLine($"  note: {text}");
    }

    public void Fail(string area, string text)
    {
        failures.Add($"{area}: {text}");
        Console.Error.WriteLine($"  FAILED: {text}");
    }

    public void PrintTable()
    {
        string[] header = ["Area", "What", "Measured", "Compared with", "Target", "Result"];
        var cells = rows.Select(r => new[] { r.Area, r.What, r.Measured, r.ComparedWith, r.Target, Word(r.Verdict) }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var c in cells)
        {
            Console.WriteLine(Line(c));
        }

        Console.WriteLine();
        string Line(string[] c) => string.Join(" | ", c.Select((s, i) => s.PadRight(widths[i])));
    }

    public string ToMarkdown(string? appendix)
    {
        var md = new StringBuilder();
        md.AppendLine(smoke ? "# Performance (smoke size — not a measurement)" : "# Performance");
        md.AppendLine();
        md.AppendLine("Written by the benchmark project (`BrpBlazor.Benchmarks`); do not edit by hand — run it again:");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(command);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (var (name, value) in Machine.Describe())
        {
            md.AppendLine(Invariant, $"- **{name}:** {value}");
        }

        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| Area | What | Measured | Compared with | Target | Result |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            md.AppendLine(Invariant, $"| {Cell(r.Area)} | {Cell(r.What)} | {Cell(r.Measured)} | {Cell(r.ComparedWith)} | {Cell(r.Target)} | {Word(r.Verdict)} |");
        }

        md.AppendLine();
        var met = rows.Count(r => r.Verdict == Verdict.Met);
        var missed = rows.Count(r => r.Verdict == Verdict.Missed);
        md.AppendLine(Invariant, $"Targets: {met} met, {missed} missed.");
        foreach (var area in notes.Select(n => n.Area).Distinct())
        {
            md.AppendLine();
            md.AppendLine(Invariant, $"### {area}: how it was measured");
            md.AppendLine();
            foreach (var (_, text) in notes.Where(n => n.Area == area))
            {
                md.AppendLine(Invariant, $"- {text}");
            }
        }

        if (!string.IsNullOrWhiteSpace(appendix))
        {
            md.AppendLine();
            md.Append(appendix.TrimEnd());
            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "**missed**",
        _ => string.Empty,
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
