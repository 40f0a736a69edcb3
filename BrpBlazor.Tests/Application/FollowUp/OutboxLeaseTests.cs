using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrpBlazor.Tests.Application.FollowUp;

/// <summary>Several senders on one database file (as several servers would be): each message goes once.</summary>
public sealed class OutboxLeaseTests
{
    [Fact]
    public async Task ThreeSenders_OnOneDatabase_DeliverEveryMessageExactlyOnce()
    {
        await using var file = await TestDatabaseFile.CreateAsync();
        await using var smtp = TestSmtpServer.Start();
        var clock = new TestClock(TestClock.DefaultToday);
        var settings = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = "None", From = "medlem@gymkedjan.se", TimeoutSeconds = 5 };
        int organisationId;
        await using (var db = file.Factory.CreateDbContext())
        {
            var product = await TestData.AddProductAsync(db);
            var organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
            organisationId = organisation.Id;
            for (var i = 0; i < 30; i++)
            {
                db.PreOrders.Add(PreOrder.Create(
                    new PreOrderDraft(organisation.Id, product.Id, new DateRange(clock.Today, clock.Today.AddMonths(3)), $"Person {i}", TestData.NextPersonnummer(), default, $"p{i}@foretaget.se"),
                    "test", clock.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        var queued = await new PreOrderMail(file.Factory, clock, new MailSettings(), settings).QueueInvitationsAsync(Actors.Organisation, organisationId);
        Assert.Equal(30, queued.Value);

        var senders = Enumerable.Range(1, 3)
            .Select(i => new OutboxSender(file.Factory, clock, settings, NullLogger<OutboxSender>.Instance) { SenderId = $"server-{i}" })
            .ToList();
        await Task.WhenAll(senders.Select(async s =>
        {
            while (await s.RunOnceAsync() > 0)
            {
            }
        }));

        await using var check = file.Factory.CreateDbContext();
        Assert.Equal(30, await check.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1));
        Assert.Equal(30, smtp.Messages.Count);
        Assert.Equal(30, smtp.Messages.Select(m => m.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Sender_WithoutSmtpSettings_SendsNothing_AndTheMessagesWait()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new TestClock(TestClock.DefaultToday);
        await using (var db = database.NewContext())
        {
            var product = await TestData.AddProductAsync(db);
            var organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
            db.PreOrders.Add(PreOrder.Create(
                new PreOrderDraft(organisation.Id, product.Id, new DateRange(clock.Today, clock.Today.AddMonths(3)), "Åsa Öberg", TestData.NextPersonnummer(), default, "asa@foretaget.se"),
                "test", clock.UtcNow));
            await db.SaveChangesAsync();
            await new PreOrderMail(database.Factory, clock, new MailSettings(), new SmtpSettings()).QueueInvitationsAsync(Actors.With(Right.Organisation), organisation.Id);
        }

        var sender = new OutboxSender(database.Factory, clock, new SmtpSettings(), NullLogger<OutboxSender>.Instance);

        Assert.Equal(0, await sender.RunOnceAsync());
        await using var check = database.NewContext();
        Assert.Equal(OutboxStatus.Pending, (await check.OutboxMessages.SingleAsync()).Status);
    }
}
