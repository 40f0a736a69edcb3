using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Operations;

/// <summary>The app as a process, killed (SIGKILL) while its outbox is being delivered, then started again.</summary>
public sealed class OutboxCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 30;
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"brp-outbox-crash-{Guid.NewGuid():N}");

    private string Database => Path.Combine(folder, "brp.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KilledWhileSending_LosesNoMessage_AndDuplicatesNone_AfterRestart()
    {
        await using var smtp = TestSmtpServer.Start();
        var port = AppProcess.FreePort();
        var app = AppProcess.Start(Settings(smtp.Port), port, "Development");
        await app.WaitUntilReadyAsync();

        // The server takes its time over each message; in the middle of the sixth the app is killed, so that message's
        // connection dies before the server answers (the server keeps only what it answered 250 to).
        // The sender may have more than one connection open: every message of the killed app still in the server's
        // hands is refused too, as a dead client's would be. (A message the server accepted just before the app died
        // is the one case SMTP cannot settle, decision 120; this test is about the app's own part.)
        var killed = 0;
        var restartedApp = 0;
        bool Accepting() => Volatile.Read(ref killed) == 0 || Volatile.Read(ref restartedApp) == 1;
        smtp.BeforeAccepting = async () =>
        {
            if (smtp.Messages.Count >= 5 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                app.Kill();
                await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
                return false;
            }

            await Task.Delay(100);
            return Accepting();
        };
        await QueueInvitationsAsync();

        await Poll.UntilAsync(() => Volatile.Read(ref killed) == 1 && app.HasExited, TimeSpan.FromSeconds(90));
        var deliveredBeforeCrash = smtp.Messages.Count;
        await using (var db = AppProcess.OpenDatabase(Database))
        {
            Assert.Equal(Messages, await db.OutboxMessages.CountAsync());
            Assert.True(await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending) > 0, "some messages were still waiting when the app died");
        }

        await app.DisposeAsync();
        Volatile.Write(ref restartedApp, 1);
        await using var restarted = AppProcess.Start(Settings(smtp.Port), port, "Development");
        await restarted.WaitUntilReadyAsync();
        await smtp.WaitForMessagesAsync(Messages, TimeSpan.FromSeconds(120));
        await Task.Delay(1500);

        output.WriteLine($"{deliveredBeforeCrash} delivered before SIGKILL, {smtp.Messages.Count} in all");
        await using var check = AppProcess.OpenDatabase(Database);
        var stored = await check.OutboxMessages.AsNoTracking().ToListAsync();
        Assert.All(stored, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        var received = smtp.Messages.Select(m => m.Message.MessageId).ToList();
        Assert.Equal(Messages, received.Count);
        Assert.Equal(stored.Select(m => m.MessageId).Order(), received.Order());
    }

    private async Task QueueInvitationsAsync()
    {
        var clock = new Core.Application.Common.StockholmClock(TimeProvider.System);
        await using var db = AppProcess.OpenDatabase(Database);
        var product = await TestData.AddProductAsync(db, "Gym Utskick", 399);
        var organisation = await TestData.AddOrganisationAsync(db, "Utskick AB", (product, 299));
        for (var i = 0; i < Messages; i++)
        {
            db.PreOrders.Add(PreOrder.Create(
                new PreOrderDraft(organisation.Id, product.Id, new DateRange(clock.Today, clock.Today.AddMonths(3)), $"Anställd {i}", TestData.NextPersonnummer(), default, $"a{i}@utskick.se"),
                "test", clock.UtcNow));
        }

        await db.SaveChangesAsync();
        var factory = new BrpDbContextFactory(BrpDatabase.ForConnectionString("crash", $"Data Source={Database};Pooling=False"));
        var queued = await new PreOrderMail(factory, clock, new MailSettings(), new SmtpSettings { From = "medlem@gymkedjan.se" })
            .QueueInvitationsAsync(Actors.Organisation, organisation.Id);
        Assert.Equal(Messages, queued.Value);
    }

    private Dictionary<string, string> Settings(int smtpPort) => new()
    {
        ["ConnectionStrings:Brp"] = $"Data Source={Database}",
        ["Brp:TempFolder"] = Path.Combine(folder, "tmp"),
        ["Brp:Smtp:Host"] = "127.0.0.1",
        ["Brp:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Brp:Smtp:Security"] = "None",
        ["Brp:Smtp:From"] = "medlem@gymkedjan.se",
        ["Brp:Smtp:TimeoutSeconds"] = "1",
        ["Brp:Smtp:RetryFirstSeconds"] = "1",
        ["Brp:Smtp:PollSeconds"] = "1",
    };
}
