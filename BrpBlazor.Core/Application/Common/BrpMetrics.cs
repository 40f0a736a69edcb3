using System.Diagnostics.Metrics;

namespace BrpBlazor.Core.Application.Common;

/// <summary>
/// The app's own meters (OpenTelemetry reads them by the meter name): what staff did and how it went. Tags are
/// kinds and outcomes only, never ids or personal data (docs/decisions/091).
/// </summary>
public sealed class BrpMetrics : IDisposable
{
    public const string MeterName = "BrpBlazor";

    private readonly Meter meter;
    private readonly Counter<long> operations;
    private readonly Counter<long> imports;
    private readonly Counter<long> importLines;
    private readonly Histogram<double> importDuration;
    private readonly Counter<long> redeems;
    private readonly Counter<long> staleConfirms;
    private readonly Counter<long> signInFailures;
    private readonly Counter<long> lockouts;

    public BrpMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(new System.Diagnostics.Metrics.MeterOptions(MeterName));
        operations = meter.CreateCounter<long>("brp.operations", description: "Saved changes by kind (audit action) and outcome");
        imports = meter.CreateCounter<long>("brp.imports", description: "Pre-order imports confirmed, by outcome");
        importLines = meter.CreateCounter<long>("brp.import.lines", description: "Lines of confirmed pre-order imports, by status");
        importDuration = meter.CreateHistogram<double>("brp.import.duration", unit: "s", description: "Time to store a confirmed import");
        redeems = meter.CreateCounter<long>("brp.redeems", description: "Redeem wizard finishes, by outcome");
        staleConfirms = meter.CreateCounter<long>("brp.stale_confirms", description: "Confirms refused because someone else saved first");
        signInFailures = meter.CreateCounter<long>("brp.signin.failures", description: "Failed sign-in attempts");
        lockouts = meter.CreateCounter<long>("brp.signin.lockouts", description: "Accounts locked after failed sign-ins");
    }

    public void Operation(string kind, string outcome = "saved") =>
        operations.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void Import(string outcome, int stored, int refused, TimeSpan duration)
    {
        imports.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        importLines.Add(stored, new KeyValuePair<string, object?>("status", "stored"));
        importLines.Add(refused, new KeyValuePair<string, object?>("status", "refused"));
        importDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Redeem(string outcome) => redeems.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void StaleConfirm(string kind) => staleConfirms.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void SignInFailed(bool lockedOut)
    {
        signInFailures.Add(1);
        if (lockedOut)
        {
            lockouts.Add(1);
        }
    }

    public void Dispose() => meter.Dispose();
}
