namespace BrpBlazor.Core.Domain.FollowUp;

public enum MailKind
{
    /// <summary>Inbjudan: a membership is waiting for the person.</summary>
    Invitation,

    /// <summary>Påminnelse: the validity is about to end and the person has not come.</summary>
    Reminder,
}

public enum OutboxStatus
{
    /// <summary>Waiting for the sender (first attempt or a retry after back-off).</summary>
    Pending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Given up: the server refused the address for good, or every retry failed (listed for the supervisor).</summary>
    Failed,

    /// <summary>Not sent, because the pre-order was redeemed or withdrawn before its turn came (reminders only).</summary>
    Cancelled,
}

/// <summary>
/// One e-mail to send, written in the same transaction as what it is about (the pre-order, the bulk action, the
/// audit entry). The background sender claims it with a lease, so several servers on one database never send it
/// at the same time; <see cref="MessageId"/> is fixed when the row is written, so a retry after an unknown outcome
/// carries the same Message-ID as the first attempt (docs/decisions/120).
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 254;
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 8000;
    public const int ErrorMaxLength = 500;
    public const int KeyMaxLength = 100;

    private OutboxMessage()
    {
        DedupeKey = string.Empty;
        MessageId = string.Empty;
        ToAddress = string.Empty;
        ToName = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
        CreatedBy = string.Empty;
    }

    public long Id { get; private set; }

    public MailKind Kind { get; private set; }

    public int OrganisationId { get; private set; }

    public int PreOrderId { get; private set; }

    /// <summary>Unique: the same invitation or automatic reminder is never queued twice, whichever server queues it.</summary>
    public string DedupeKey { get; private set; }

    /// <summary>The Message-ID header, without the angle brackets; unique.</summary>
    public string MessageId { get; private set; }

    public string ToAddress { get; private set; }

    public string ToName { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptUtc { get; private set; }

    /// <summary>The sender that holds the lease, until <see cref="ClaimedUntilUtc"/>; set by one conditional UPDATE.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedUntilUtc { get; private set; }

    public DateTime? SentUtc { get; private set; }

    public DateTime? FailedUtc { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage Create(
        MailKind kind, int organisationId, int preOrderId, string dedupeKey, string messageId, string toAddress, string toName,
        RenderedMail mail, string createdBy, DateTime createdUtc) => new()
        {
            Kind = kind,
            OrganisationId = organisationId,
            PreOrderId = preOrderId,
            DedupeKey = dedupeKey,
            MessageId = messageId,
            ToAddress = toAddress,
            ToName = toName,
            Subject = Cut(mail.Subject, SubjectMaxLength),
            Body = Cut(mail.Body, BodyMaxLength),
            CreatedBy = createdBy,
            CreatedUtc = createdUtc,
            Status = OutboxStatus.Pending,
            NextAttemptUtc = createdUtc,
        };

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from <paramref name="first"/>, at most an hour.</summary>
    public static TimeSpan BackOff(int attempts, TimeSpan first)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 16));
        var wait = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, TimeSpan.FromHours(1).Ticks));
        return wait < first ? first : wait;
    }

    internal static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}

/// <summary>An invitation or reminder text with its placeholders filled in.</summary>
public sealed record RenderedMail(string Subject, string Body);
