namespace BrpBlazor.Core.Domain.FollowUp;

/// <summary>
/// An organisation's own text for one kind of e-mail. Without one, the chain's default text is used. Placeholders:
/// {namn}, {organisation}, {produkt}, {giltig_tom}, {kedja}; nothing else about the person (never the personnummer).
/// </summary>
public sealed class MailTemplate
{
    private MailTemplate()
    {
        Subject = string.Empty;
        Body = string.Empty;
        ChangedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int OrganisationId { get; private set; }

    public MailKind Kind { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTime ChangedUtc { get; private set; }

    public static MailTemplate Create(int organisationId, MailKind kind) => new() { OrganisationId = organisationId, Kind = kind };

    public void Change(string subject, string body, string staffId, DateTime nowUtc)
    {
        Subject = OutboxMessage.Cut(subject.Trim(), OutboxMessage.SubjectMaxLength);
        Body = OutboxMessage.Cut(body.Trim(), OutboxMessage.BodyMaxLength);
        ChangedBy = staffId;
        ChangedUtc = nowUtc;
    }
}
