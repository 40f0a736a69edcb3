namespace BrpBlazor.Core.Application.FollowUp;

/// <summary>
/// The SMTP server the sender uses (<c>Brp:Smtp:*</c>). Without <see cref="Host"/> and <see cref="From"/> nothing is
/// sent: invitations and reminders wait in the outbox and the follow-up page says sending is off (docs/decisions/121).
/// </summary>
public sealed class SmtpSettings
{
    public const string Section = "Brp:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto (STARTTLS when the server offers it), StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, for example <c>medlem@gymkedjan.se</c>; also the Message-ID's domain.</summary>
    public string? From { get; set; }

    public string? FromName { get; set; }

    /// <summary>How long one SMTP command may take before the attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The first wait after a failed attempt; it doubles for each further one, at most an hour.</summary>
    public int RetryFirstSeconds { get; set; } = 60;

    /// <summary>After this many failed attempts a message is given up and listed as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the sender looks for messages that are due.</summary>
    public int PollSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>What the texts say and when reminders go (<c>Brp:Mail:*</c>).</summary>
public sealed class MailSettings
{
    public const string Section = "Brp:Mail";

    /// <summary>The chain's name, {kedja} in the texts.</summary>
    public string ChainName { get; set; } = "Gymkedjan";

    /// <summary>A reminder goes this many days before the validity ends, to those with an open pre-order and an e-mail address.</summary>
    public int ReminderDaysBefore { get; set; } = 14;
}
