namespace BrpBlazor.Core.Domain.Audit;

/// <summary>Who changed what and when, with the values before and after (JSON). Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        Action = string.Empty;
        EntityType = string.Empty;
        Summary = string.Empty;
    }

    public long Id { get; private set; }

    public DateTime WhenUtc { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A stable code such as "subscription.freeze".</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public int? PersonId { get; private set; }

    public int? OrganisationId { get; private set; }

    /// <summary>One line in Swedish for the audit list.</summary>
    public string Summary { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? Reason { get; private set; }

    public static AuditEntry Create(
        DateTime whenUtc,
        string actorId,
        string actorName,
        string action,
        string entityType,
        string? entityId,
        string summary,
        string? before,
        string? after,
        int? personId = null,
        int? organisationId = null,
        string? reason = null) => new()
        {
            WhenUtc = whenUtc,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary,
            Before = before,
            After = after,
            PersonId = personId,
            OrganisationId = organisationId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
}
