using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Core.Domain.Staff;

namespace BrpBlazor.Core.Application.Common;

/// <summary>Builds audit entries; before/after values are JSON so the audit page can show what changed.</summary>
public static class Audit
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    public static AuditEntry Entry(
        StaffActor actor,
        DateTime whenUtc,
        string action,
        string entityType,
        object? entityId,
        string summary,
        object? before,
        object? after,
        int? personId = null,
        int? organisationId = null,
        string? reason = null) =>
        AuditEntry.Create(
            whenUtc, actor.Id, actor.Name, action, entityType, entityId?.ToString(), summary, ToJson(before), ToJson(after), personId, organisationId, reason);
}
