namespace BrpBlazor.Core.Application.Organisations;

/// <summary>The audit log's action names for organisations, declared once.</summary>
public static class OrganisationAudit
{
    public const string Created = "organisation.create";
    public const string Updated = "organisation.update";
}
