using System.Text;
using System.Text.RegularExpressions;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>Prometheus's view of the app: the counters move after a freeze and an import, and each operation writes one log line of ids.</summary>
public sealed partial class MetricsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FreezeAndImport_MoveTheOperationCounters_AndEachWritesOneLineOfIds()
    {
        await using var app = new AppFactory();
        app.Start();
        int subscriptionId;
        int organisationId;
        int productId;
        await using (var db = app.NewContext())
        {
            var product = await TestData.AddProductAsync(db, "Gym Mätare", 300);
            var person = await TestData.AddPersonAsync(db, "Mats", "Mätare", TestData.NextPersonnummer());
            var subscription = Subscription.Create(new SubscriptionStart(
                person.Id, product, product.MonthlyPrice, app.Clock.Today.AddMonths(-2), null, null, "seed", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            db.Subscriptions.Add(subscription);
            var organisation = await TestData.AddOrganisationAsync(db, "Mätare AB", (product, 250));
            await db.SaveChangesAsync();
            (subscriptionId, organisationId, productId) = (subscription.Id, organisation.Id, product.Id);
        }

        var before = await ScrapeAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var operations = scope.ServiceProvider.GetRequiredService<SubscriptionOperations>();
            var request = new FreezeRequest(app.Clock.Today, app.Clock.Today.AddDays(29), "Resa");
            var preview = (await operations.LoadAsync(Actors.Reception, subscriptionId)).Value.PreviewFreeze(request, Actors.Reception);
            Assert.True((await operations.FreezeAsync(Actors.Reception, subscriptionId, request, null, preview)).IsSuccess);

            var import = scope.ServiceProvider.GetRequiredService<PreOrderImport>();
            var file = new MemoryStream(Encoding.UTF8.GetBytes($"Anna Andersson;{TestData.NextPersonnummer().Formatted};\nBo Berg;{TestData.NextPersonnummer().Formatted};\n"));
            var parsed = await import.ParseAsync(Actors.Organisation, file, "lista.csv", new ImportSettings(organisationId, productId, new DateRange(app.Clock.Today, app.Clock.Today.AddMonths(2))));
            Assert.True((await import.ConfirmAsync(Actors.Organisation, parsed.Value)).IsSuccess);
        }

        var after = await WaitForAsync(app, m => Counter(m, "subscription.freeze") > Counter(before, "subscription.freeze") && Counter(m, "preorder.import") > Counter(before, "preorder.import"));
        output.WriteLine($"brp_operations_total freeze {Counter(before, "subscription.freeze")} → {Counter(after, "subscription.freeze")}, import {Counter(before, "preorder.import")} → {Counter(after, "preorder.import")}");
        Assert.True(Counter(after, "subscription.freeze") >= Counter(before, "subscription.freeze") + 1);
        Assert.True(Counter(after, "preorder.import") >= Counter(before, "preorder.import") + 1);

        var lines = app.Logs.Lines.Where(l => l.Contains("Operation ", StringComparison.Ordinal) && l.Contains("by staff", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains($"Operation subscription.freeze on Subscription {subscriptionId} by staff {Actors.Reception.Id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Operation preorder.import on ImportBatch", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Mätare", StringComparison.Ordinal) || l.Contains("Anna", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedSignIns_AndALockout_AreCounted()
    {
        await using var app = new AppFactory();
        app.Start();
        await app.CreateStaffAsync("lina", "Lina", Core.Domain.Staff.Right.Reception);
        var before = await ScrapeAsync(app);
        using var session = new HttpSession(app.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await session.SignInAsync("lina", "fel-losenord-123");
        }

        var after = await WaitForAsync(app, m => Plain(m, "brp_signin_lockouts_total") > Plain(before, "brp_signin_lockouts_total"));
        output.WriteLine($"failures {Plain(before, "brp_signin_failures_total")} → {Plain(after, "brp_signin_failures_total")}, lockouts → {Plain(after, "brp_signin_lockouts_total")}");
        Assert.True(Plain(after, "brp_signin_failures_total") >= Plain(before, "brp_signin_failures_total") + 5);
        Assert.True(Plain(after, "brp_signin_lockouts_total") >= Plain(before, "brp_signin_lockouts_total") + 1);
    }

    // Every app the test process hosts at once has its own BrpBlazor meter, and each is exported as a series of its
    // own: the figure is their sum, and other tests running meanwhile may add to it (hence "at least" below).
    private static double Plain(string metrics, string name) =>
        Regex.Matches(metrics, "^" + Regex.Escape(name) + @"(\{[^}]*\})? (\d+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static double Counter(string metrics, string kind) =>
        Regex.Matches(metrics, $"^brp_operations_total\\{{[^}}]*kind=\"{Regex.Escape(kind)}\"[^}}]*\\}} (\\d+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> WaitForAsync(AppFactory app, Func<string, bool> done)
    {
        var metrics = string.Empty;
        for (var attempt = 0; attempt < 150 && !done(metrics); attempt++)
        {
            await Task.Delay(100);
            metrics = await ScrapeAsync(app);
        }

        return metrics;
    }

    private static async Task<string> ScrapeAsync(AppFactory app)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseAddress) };
        return await client.GetStringAsync("/metrics");
    }
}
