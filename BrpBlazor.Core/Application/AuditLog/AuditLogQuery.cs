using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.AuditLog;

/// <summary>Filters for the audit log; empty means "all". Dates are UTC calendar days, inclusive.</summary>
public sealed record AuditFilter(int? PersonId = null, int? OrganisationId = null, string? ActorId = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int TotalCount);

public sealed record AuditActor(string Id, string Name);

/// <summary>The audit log for supervisors (/granskning): newest first, paged.</summary>
public sealed class AuditLogQuery(IDbContextFactory<BrpDbContext> dbFactory)
{
    public async Task<Result<AuditPage>> GetAsync(StaffActor actor, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Supervisor) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (filter.PersonId is { } personId)
        {
            query = query.Where(a => a.PersonId == personId);
        }

        if (filter.OrganisationId is { } organisationId)
        {
            query = query.Where(a => a.OrganisationId == organisationId);
        }

        if (!string.IsNullOrEmpty(filter.ActorId))
        {
            query = query.Where(a => a.ActorId == filter.ActorId);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.WhenUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.WhenUtc < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(a => a.WhenUtc).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(entries, total);
    }

    /// <summary>Everyone who has written to the log, for the staff filter.</summary>
    public async Task<Result<IReadOnlyList<AuditActor>>> ActorsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Supervisor) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditEntries.AsNoTracking()
            .GroupBy(a => a.ActorId)
            .Select(g => new { Id = g.Key, Name = g.Max(a => a.ActorName) })
            .ToListAsync(cancellationToken);
        return Result.Success<IReadOnlyList<AuditActor>>(rows.Select(r => new AuditActor(r.Id, r.Name ?? r.Id)).OrderBy(a => a.Name).ToList());
    }
}
