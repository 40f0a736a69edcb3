using System.Net.Sockets;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BrpBlazor.Core.Application.FollowUp;

/// <summary>
/// Delivers the outbox over SMTP (MailKit). Each round claims a few due messages with a lease, set by one conditional
/// UPDATE, so two senders on one database never hold the same message; sends each with its own fixed Message-ID;
/// and records the outcome: sent, a retry after back-off, or failed for good (docs/decisions/120). Logs name the
/// outbox row only, never an address or a personnummer.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, SmtpSettings smtp, ILogger<OutboxSender> logger)
{
    public const int BatchSize = 10;

    /// <summary>Names this sender in <see cref="OutboxMessage.ClaimedBy"/> (with a new suffix for every round).</summary>
    public string SenderId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds));

    /// <summary>Long enough for the whole batch to time out one command each, and then some.</summary>
    private TimeSpan Lease => Timeout * (BatchSize + 2);

    /// <summary>Claims due messages and sends them. Returns how many were handled (sent, retried, failed or cancelled).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (!smtp.IsConfigured)
        {
            return 0;
        }

        var token = $"{SenderId}/{Guid.NewGuid():N}";
        token = token.Length > OutboxMessage.KeyMaxLength ? token[^OutboxMessage.KeyMaxLength..] : token;
        var claimed = await ClaimAsync(token, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var leaseEnds = claimed[0].ClaimedUntilUtc!.Value;
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var handled = 0;
        foreach (var message in claimed)
        {
            // Never send on a lease that may run out mid-send: another sender could then claim the message too.
            if (clock.UtcNow + Timeout >= leaseEnds)
            {
                await ReleaseAsync(message.Id, token, cancellationToken);
                continue;
            }

            if (await StillWantedAsync(message, cancellationToken) is { } reason)
            {
                await FinishAsync(message.Id, token, OutboxStatus.Cancelled, reason, cancellationToken);
                handled++;
                continue;
            }

            try
            {
                await EnsureConnectedAsync(client, cancellationToken);
                await client.SendAsync(ToMime(message), cancellationToken);
                await FinishAsync(message.Id, token, OutboxStatus.Sent, null, cancellationToken);
                logger.LogInformation("Outbox message {OutboxId} sent (attempt {Attempt})", message.Id, message.Attempts + 1);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.UnexpectedStatusCode)
            {
                // 5xx on the recipient or the message: the server will never take it; list it for the supervisor.
                await FinishAsync(message.Id, token, OutboxStatus.Failed, $"Servern tog inte emot meddelandet: {(int)e.StatusCode} {e.Message}", cancellationToken);
                logger.LogWarning("Outbox message {OutboxId} refused for good ({Status})", message.Id, (int)e.StatusCode);
                await ResetAsync(client);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                // The outcome may be unknown (a timeout or a drop after the data): the retry carries the same Message-ID.
                await RetryLaterAsync(message, token, Describe(e), cancellationToken);
                logger.LogWarning("Outbox message {OutboxId} failed on attempt {Attempt}: {Error}", message.Id, message.Attempts + 1, e.GetType().Name);
                await ResetAsync(client);
            }

            handled++;
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(true, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                logger.LogDebug("SMTP disconnect failed: {Error}", e.GetType().Name);
            }
        }

        return handled;
    }

    /// <summary>
    /// One conditional UPDATE takes the lease on due messages that nobody holds (or whose holder's lease ran out);
    /// what this round got is then read back by its own token. Safe with several senders on SQLite or PostgreSQL.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var candidates = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var until = now + Lease;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, token).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimedBy == token).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Null when the message should still go; otherwise why not (redeemed or withdrawn before its turn).</summary>
    private async Task<string?> StillWantedAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var preOrder = await db.PreOrders.AsNoTracking().Where(p => p.Id == message.PreOrderId).Select(p => new { p.Status, p.ValidTo }).FirstOrDefaultAsync(cancellationToken);
        return preOrder switch
        {
            null => "Förbeställningen finns inte längre",
            { Status: PreOrderStatus.Redeemed } => "Skickades inte: förbeställningen är utnyttjad",
            { Status: PreOrderStatus.Withdrawn } => "Skickades inte: förbeställningen är återkallad",
            _ when preOrder.ValidTo < clock.Today => "Skickades inte: giltighetstiden har gått ut",
            _ => null,
        };
    }

    private async Task FinishAsync(long id, string token, OutboxStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var cut = error is null ? null : OutboxMessage.Cut(error, OutboxMessage.ErrorMaxLength);
        var counts = status is OutboxStatus.Sent or OutboxStatus.Failed;

        // The outcome is written even when the caller is stopping: the message has left (or been refused) already.
        await db.OutboxMessages
            .Where(m => m.Id == id && m.ClaimedBy == token)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, status)
                    .SetProperty(m => m.Attempts, m => counts ? m.Attempts + 1 : m.Attempts)
                    .SetProperty(m => m.SentUtc, status == OutboxStatus.Sent ? now : null)
                    .SetProperty(m => m.FailedUtc, status == OutboxStatus.Sent ? null : now)
                    .SetProperty(m => m.LastError, cut)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
                CancellationToken.None);
    }

    private async Task RetryLaterAsync(OutboxMessage message, string token, string error, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var now = clock.UtcNow;
        var attempts = message.Attempts + 1;
        var givesUp = attempts >= Math.Max(1, smtp.MaxAttempts);
        var next = now + OutboxMessage.BackOff(attempts, TimeSpan.FromSeconds(Math.Max(1, smtp.RetryFirstSeconds)));
        var cut = OutboxMessage.Cut(givesUp ? $"Gav upp efter {attempts} försök: {error}" : error, OutboxMessage.ErrorMaxLength);
        await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimedBy == token)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Status, givesUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                    .SetProperty(m => m.FailedUtc, givesUp ? now : null)
                    .SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.LastError, cut)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
                CancellationToken.None);
    }

    private async Task ReleaseAsync(long id, string token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.OutboxMessages
            .Where(m => m.Id == id && m.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    private async Task EnsureConnectedAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return;
        }

        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }
    }

    private static async Task ResetAsync(SmtpClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync(false, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or ServiceNotConnectedException or OperationCanceledException)
        {
            // A broken connection is dropped; the next message connects again.
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(smtp.FromName ?? string.Empty, smtp.From!));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(clock.UtcNow, DateTimeKind.Utc));
        return mime;
    }

    private static bool IsTransient(Exception e, CancellationToken stopping) => e switch
    {
        OperationCanceledException when stopping.IsCancellationRequested => false,
        SmtpCommandException or SmtpProtocolException or ProtocolException or IOException or SocketException or TimeoutException
            or OperationCanceledException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or SslHandshakeException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"Servern svarade {(int)c.StatusCode}: {c.Message}",
        SmtpProtocolException or IOException => "Anslutningen bröts under sändningen",
        SocketException => "Kunde inte ansluta till e-postservern",
        TimeoutException or OperationCanceledException => "E-postservern svarade inte i tid",
        AuthenticationException => "E-postservern godtog inte inloggningen",
        _ => e.GetType().Name,
    };
}
