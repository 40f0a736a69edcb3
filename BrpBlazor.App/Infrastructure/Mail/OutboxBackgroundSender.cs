using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Data;

namespace BrpBlazor.App.Infrastructure.Mail;

/// <summary>
/// The hosted sender: every <see cref="SmtpSettings.PollSeconds"/> it queues the reminders that are due and delivers
/// the outbox of the real database. Registered only when SMTP is configured and the app is not in demo mode
/// (docs/decisions/121); every server on the database may run one (the lease keeps them apart).
/// </summary>
public sealed class OutboxBackgroundSender(
    BrpDatabase database, SmtpSettings smtp, MailSettings mail, TimeProvider time, ILogger<OutboxSender> senderLogger,
    ILogger<OutboxBackgroundSender> logger) : BackgroundService
{
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.IsConfigured)
        {
            logger.LogInformation("E-mail is off: Brp:Smtp:Host and Brp:Smtp:From are not set; invitations and reminders wait in the outbox");
            return;
        }

        // The business clock is scoped (demo mode moves it per sandbox); the real database runs on real time.
        var clock = new StockholmClock(time);
        var factory = new BrpDbContextFactory(database);
        var sender = new OutboxSender(factory, clock, smtp, senderLogger);
        var reminders = new PreOrderMail(factory, clock, mail, smtp);
        var nextReminders = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextReminders)
                {
                    var queued = await reminders.QueueDueRemindersAsync(stoppingToken);
                    if (queued > 0)
                    {
                        logger.LogInformation("{Count} reminders queued", queued);
                    }

                    nextReminders = time.GetUtcNow() + ReminderInterval;
                }

                // Keep going while there is work; wait only when a round found nothing due.
                if (await sender.RunOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unavailable database, or anything else unexpected: the sender must not stop the
                // host (a BackgroundService that throws does), so the round is tried again after the pause.
                logger.LogWarning("The outbox round failed ({Error}); trying again shortly", e.GetType().Name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, smtp.PollSeconds)), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
