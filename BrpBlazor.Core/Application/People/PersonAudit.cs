namespace BrpBlazor.Core.Application.People;

/// <summary>The audit log's action names for people, declared once (the audit page filters on them).</summary>
public static class PersonAudit
{
    public const string Created = "person.create";
    public const string Updated = "person.update";
    public const string ContactChanged = "person.contact";
    public const string Blocked = "person.block";
    public const string Unblocked = "person.unblock";
}
