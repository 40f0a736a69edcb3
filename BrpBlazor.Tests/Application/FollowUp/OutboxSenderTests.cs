using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmtpServer.Protocol;

namespace BrpBlazor.Tests.Application.FollowUp;

/// <summary>Invitations and reminders through the outbox to a real SMTP server started by the test.</summary>
public sealed class OutboxSenderTests : PreOrderTestBase
{
    private TestSmtpServer Smtp { get; set; } = default!;

    private SmtpSettings SmtpSettings => new()
    {
        Host = "127.0.0.1", Port = Smtp.Port, Security = "None", From = "medlem@gymkedjan.se", FromName = "Gymkedjan", TimeoutSeconds = 2,
        RetryFirstSeconds = 60, MaxAttempts = 4,
    };

    private static MailSettings MailSettings => new() { ChainName = "Gymkedjan", ReminderDaysBefore = 14 };

    private PreOrderMail Mail => new(Database.Factory, Clock, MailSettings, SmtpSettings);

    private OutboxSender Sender(string id = "test-sender") => new(Database.Factory, Clock, SmtpSettings, NullLogger<OutboxSender>.Instance) { SenderId = id };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Smtp = TestSmtpServer.Start();
    }

    public override async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Invitation_Sent_ArrivesInSwedishWithUtf8AndItsOwnMessageId()
    {
        var preOrderId = await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se", "850314-2344");
        Assert.Equal(1, (await Mail.QueueInvitationsAsync(Staff, Organisation.Id)).Value);

        Assert.Equal(1, await Sender().RunOnceAsync());

        var received = Assert.Single(Smtp.Messages);
        var stored = await SingleOutboxAsync();
        Assert.Equal((OutboxStatus.Sent, 1, preOrderId), (stored.Status, stored.Attempts, stored.PreOrderId));
        Assert.Equal(stored.MessageId, received.Message.MessageId);
        Assert.Equal("Gymkedjan: ett träningskort från Företaget AB väntar på dig", received.Message.Subject);
        var body = received.Message.TextBody;
        Assert.Contains("Hej Åsa Öberg!", body, StringComparison.Ordinal);
        Assert.Contains("Företaget AB bjuder dig på Gym 12 mån autogiro hos Gymkedjan", body, StringComparison.Ordinal);
        Assert.Contains("till och med 16 juni 2026", body, StringComparison.Ordinal);
        Assert.Contains("Ta med giltig legitimation till valfri reception", body, StringComparison.Ordinal);
        Assert.Equal("utf-8", received.Message.BodyParts.OfType<MimeKit.TextPart>().Single().ContentType.Charset, ignoreCase: true);
        Assert.Equal("asa@foretaget.se", received.Message.To.Mailboxes.Single().Address);
        // No part of the personnummer anywhere a person reads it: the text, the subject, the headers. (The Message-Id
        // and the MIME boundary are random hex, which may hold any four digits.) The whole number not even raw.
        foreach (var text in received.Message.Headers.Where(h => h.Id != MimeKit.HeaderId.MessageId).Select(h => h.Value).Append(body))
        {
            Assert.DoesNotContain("2344", text, StringComparison.Ordinal);
            Assert.DoesNotContain("850314", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("850314-2344", received.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("8503142344", received.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_AlreadyQueued_IsNotQueuedAgain()
    {
        await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se");
        await AddPreOrderAsync("Utan Adress", null);

        var preview = (await Mail.PreviewInvitationsAsync(Staff, Organisation.Id)).Value;
        Assert.Equal((1, 1, 0), (preview.Recipients.Count, preview.WithoutEmail, preview.AlreadyInvited));
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        var again = await Mail.QueueInvitationsAsync(Staff, Organisation.Id);

        Assert.Equal("invitation.none", again.FirstError?.Code);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "preorder.invite"));
    }

    [Theory]
    [InlineData(SmtpFault.Silent)]
    [InlineData(SmtpFault.DropInData)]
    public async Task Send_ServerTimesOutOrDropsMidMessage_IsRetriedAfterBackOff_AndArrivesExactlyOnce(SmtpFault fault)
    {
        await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se");
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        Smtp.FailNextConnections(fault, fault);

        await Sender().RunOnceAsync();
        var afterFirst = await SingleOutboxAsync();
        Assert.Equal((OutboxStatus.Pending, 1), (afterFirst.Status, afterFirst.Attempts));
        Assert.NotNull(afterFirst.LastError);
        Assert.Null(afterFirst.ClaimedBy);

        // Not due yet: the back-off holds it.
        Assert.Equal(0, await Sender().RunOnceAsync());
        Clock.Time.Advance(TimeSpan.FromSeconds(61));
        await Sender().RunOnceAsync();
        Assert.Equal(2, (await SingleOutboxAsync()).Attempts);
        Clock.Time.Advance(TimeSpan.FromSeconds(121));
        await Sender().RunOnceAsync();

        var stored = await SingleOutboxAsync();
        Assert.Equal((OutboxStatus.Sent, 3), (stored.Status, stored.Attempts));
        var received = Assert.Single(Smtp.Messages);
        Assert.Equal(stored.MessageId, received.Message.MessageId);
        Assert.True(Smtp.Connections >= 3);
    }

    [Fact]
    public async Task Send_ServerRefusesForNow_IsRetried_AndArrivesExactlyOnce()
    {
        await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se");
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        Smtp.RefuseNextMessages(SmtpReplyCode.ServiceUnavailable);

        await Sender().RunOnceAsync();
        Assert.Equal(OutboxStatus.Pending, (await SingleOutboxAsync()).Status);
        Assert.Empty(Smtp.Messages);
        Clock.Time.Advance(TimeSpan.FromSeconds(61));
        await Sender().RunOnceAsync();

        Assert.Single(Smtp.Messages);
        Assert.Equal((OutboxStatus.Sent, 2), ((await SingleOutboxAsync()).Status, (await SingleOutboxAsync()).Attempts));
    }

    [Fact]
    public async Task Send_ServerRefusesTheAddressForGood_IsFailedWithTheReason_AndNotRetried()
    {
        await AddPreOrderAsync("Åsa Öberg", "finns.inte@foretaget.se");
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        Smtp.RefuseNextMessages(SmtpReplyCode.MailboxUnavailable);

        await Sender().RunOnceAsync();
        Clock.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Sender().RunOnceAsync());

        var stored = await SingleOutboxAsync();
        Assert.Equal(OutboxStatus.Failed, stored.Status);
        Assert.Contains("550", stored.LastError, StringComparison.Ordinal);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task Send_EveryAttemptFails_GivesUpAfterMaxAttempts()
    {
        await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se");
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        Smtp.RefuseNextMessages(Enumerable.Repeat(SmtpReplyCode.ServiceUnavailable, 10).ToArray());

        for (var i = 0; i < 6; i++)
        {
            await Sender().RunOnceAsync();
            Clock.Time.Advance(TimeSpan.FromHours(1));
        }

        var stored = await SingleOutboxAsync();
        Assert.Equal((OutboxStatus.Failed, 4), (stored.Status, stored.Attempts));
        Assert.StartsWith("Gav upp efter 4 försök", stored.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_DueOnlyForOpenPreOrdersNearTheirEnd_QueuedOnce_AndWithdrawnBeforeSendingGetsNone()
    {
        var soon = new DateRange(Today.AddMonths(-2), Today.AddDays(10));
        var due = await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se", validity: soon);
        var withdrawnLater = await AddPreOrderAsync("Bo Ek", "bo@foretaget.se", validity: soon);
        await AddPreOrderAsync("Långt Kvar", "lang@foretaget.se");
        await AddPreOrderAsync("Ingen Adress", null, validity: soon);
        var redeemed = await AddPreOrderAsync("Redan Kommit", "kom@foretaget.se", validity: soon);
        await using (var db = Database.NewContext())
        {
            var p = await db.PreOrders.SingleAsync(x => x.Id == redeemed);
            Assert.True(p.Redeem(1, Today, Clock.UtcNow).IsSuccess);
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await Mail.QueueDueRemindersAsync());
        Assert.Equal(0, await Mail.QueueDueRemindersAsync());
        var version = (await Queries.GetAsync(Staff, Organisation.Id, withdrawnLater)).Value.Version;
        Assert.True((await Commands.WithdrawAsync(Staff, Organisation.Id, withdrawnLater, version, "Slutat")).IsSuccess);
        await Sender().RunOnceAsync();

        var received = Assert.Single(Smtp.Messages);
        Assert.Equal("asa@foretaget.se", received.Message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Påminnelse: ditt träningskort hos Gymkedjan kan hämtas ut t.o.m. 26 mars 2026", received.Message.Subject, StringComparison.Ordinal);
        await using var check = Database.NewContext();
        var rows = await check.OutboxMessages.ToDictionaryAsync(m => m.PreOrderId);
        Assert.Equal(OutboxStatus.Sent, rows[due].Status);
        Assert.Equal(OutboxStatus.Cancelled, rows[withdrawnLater].Status);
        Assert.Equal("Skickades inte: förbeställningen är återkallad", rows[withdrawnLater].LastError);
    }

    [Fact]
    public async Task OrganisationsOwnText_IsUsed_AndAnEmptyOneGoesBackToTheDefault()
    {
        await AddPreOrderAsync("Åsa Öberg", "asa@foretaget.se");
        var texts = new MailTexts(Database.Factory, Clock);
        Assert.True((await texts.SaveAsync(Staff, Organisation.Id, MailKind.Invitation, "Välkommen {namn}", "Hälsningar från {organisation} t.o.m. {giltig_tom}")).IsSuccess);
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id);
        await Sender().RunOnceAsync();

        var received = Assert.Single(Smtp.Messages);
        Assert.Equal("Välkommen Åsa Öberg", received.Message.Subject);
        Assert.Equal("Hälsningar från Företaget AB t.o.m. 16 juni 2026", received.Message.TextBody?.Trim());
        Assert.True((await texts.SaveAsync(Staff, Organisation.Id, MailKind.Invitation, string.Empty, string.Empty)).IsSuccess);
        Assert.False((await texts.GetAsync(Staff, Organisation.Id)).Value.Single(t => t.Kind == MailKind.Invitation).IsOrganisationsOwn);
    }

    private async Task<int> AddPreOrderAsync(string name, string? email, string? identity = null, DateRange? validity = null)
    {
        var range = validity ?? Validity;
        await using var db = Database.NewContext();
        var personnummer = identity is null ? TestData.NextPersonnummer() : Core.Domain.People.Personnummer.Parse(identity, Today);
        var preOrder = PreOrder.Create(
            new PreOrderDraft(Organisation.Id, Product.Id, range, name, personnummer, default, email), "test", Clock.UtcNow);
        db.PreOrders.Add(preOrder);
        await db.SaveChangesAsync();
        return preOrder.Id;
    }

    private async Task<OutboxMessage> SingleOutboxAsync()
    {
        await using var db = Database.NewContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync();
    }
}
