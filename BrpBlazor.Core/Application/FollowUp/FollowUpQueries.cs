using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.FollowUp;

/// <summary>
/// An organisation's pre-orders counted for the follow-up. <see cref="PreOrdered"/> is every pre-order ever made;
/// <see cref="Open"/> can still be redeemed today, and <see cref="ExpiringSoon"/> is the part of it that ends within
/// <see cref="FollowUpQueries.ExpiringDays"/> days.
/// </summary>
public sealed record FollowUpCounts(int PreOrdered, int Redeemed, int Open, int ExpiringSoon, int Expired, int Withdrawn)
{
    /// <summary>Redeemed of those not withdrawn (a withdrawn pre-order was never going to be used); null when there are none.</summary>
    public double? RedemptionRate => PreOrdered - Withdrawn is > 0 and var wanted ? (double)Redeemed / wanted : null;
}

/// <summary>Redemptions in one ISO week (Monday to Sunday, Stockholm time).</summary>
public sealed record WeekRedemptions(DateOnly Monday, int Week, int Count)
{
    public string Label => $"v.{Week}";
}

/// <summary>Someone who has not come yet, with what the outbox did for them.</summary>
public sealed record NotYetCome(
    int PreOrderId, string Name, string? Email, string ProductName, DateOnly ValidTo, DateTime? InvitedUtc, DateTime? RemindedUtc, string? MailProblem)
{
    public bool InvitationWaiting { get; init; }
}

/// <summary>One outbox row as the follow-up page lists it.</summary>
public sealed record OutboxItem(
    long Id, int PreOrderId, string Name, string ToAddress, MailKind Kind, OutboxStatus Status, DateTime CreatedUtc, DateTime? SentUtc, int Attempts,
    string? LastError, string Subject, string Body);

public sealed record FollowUpSummary(
    int OrganisationId, string OrganisationName, FollowUpCounts Counts, IReadOnlyList<WeekRedemptions> Weeks, IReadOnlyList<NotYetCome> NotYetCome,
    IReadOnlyList<OutboxItem> Outbox);

/// <summary>One line of Mina organisationer.</summary>
public sealed record ManagedOrganisation(int Id, string Name, FollowUpCounts Counts);

/// <summary>The follow-up of an organisation's pre-orders and the customer manager's own organisations (right Organisation).</summary>
public sealed class FollowUpQueries(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const int ExpiringDays = 30;
    public const int Weeks = 12;
    public const int MaxOutboxShown = 200;

    public async Task<Result<FollowUpSummary>> SummaryAsync(StaffActor actor, int organisationId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return new Error("organisation.notfound", "Organisationen finns inte");
        }

        var today = clock.Today;
        var counts = (await CountAsync(db, [organisationId], today, cancellationToken)).GetValueOrDefault(organisationId) ?? new FollowUpCounts(0, 0, 0, 0, 0, 0);
        var weeks = await WeeksAsync(db, organisationId, today, cancellationToken);
        var mail = await db.OutboxMessages.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Select(m => new { m.PreOrderId, m.Kind, m.Status, m.SentUtc, m.LastError, m.CreatedUtc })
            .ToListAsync(cancellationToken);
        var byPreOrder = mail.ToLookup(m => m.PreOrderId);
        var waiting = await (from p in db.PreOrders.AsNoTracking()
                             where p.OrganisationId == organisationId && p.Status == PreOrderStatus.Open && p.ValidTo >= today
                             join product in db.Products on p.ProductId equals product.Id
                             orderby p.ValidTo, p.Name
                             select new { p.Id, p.Name, p.Email, ProductName = product.Name, p.ValidTo })
            .Take(1000)
            .ToListAsync(cancellationToken);
        var notYetCome = waiting.Select(w =>
        {
            var sent = byPreOrder[w.Id].ToList();
            var problem = sent.Where(m => m.Status == OutboxStatus.Failed).OrderByDescending(m => m.CreatedUtc).FirstOrDefault();
            return new NotYetCome(
                w.Id, w.Name, w.Email, w.ProductName, w.ValidTo,
                sent.Where(m => m.Kind == MailKind.Invitation && m.SentUtc != null).Select(m => m.SentUtc).Min(),
                sent.Where(m => m.Kind == MailKind.Reminder && m.SentUtc != null).Select(m => m.SentUtc).Max(),
                problem?.LastError)
            {
                InvitationWaiting = sent.Any(m => m.Kind == MailKind.Invitation && m.Status == OutboxStatus.Pending),
            };
        }).ToList();
        var outbox = await (from m in db.OutboxMessages.AsNoTracking()
                            where m.OrganisationId == organisationId
                            orderby m.CreatedUtc descending, m.Id descending
                            select new OutboxItem(m.Id, m.PreOrderId, m.ToName, m.ToAddress, m.Kind, m.Status, m.CreatedUtc, m.SentUtc, m.Attempts, m.LastError, m.Subject, m.Body))
            .Take(MaxOutboxShown)
            .ToListAsync(cancellationToken);
        return new FollowUpSummary(organisationId, name, counts, weeks, notYetCome, outbox);
    }

    /// <summary>Mina organisationer: the organisations whose kundansvarig is <paramref name="actor"/>, lowest redemption rate first.</summary>
    public async Task<Result<IReadOnlyList<ManagedOrganisation>>> MyOrganisationsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = await db.Organisations.AsNoTracking().Where(o => o.CustomerManagerId == actor.Id).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var counts = await CountAsync(db, mine.Select(o => o.Id).ToList(), clock.Today, cancellationToken);
        var empty = new FollowUpCounts(0, 0, 0, 0, 0, 0);
        return mine
            .Select(o => new ManagedOrganisation(o.Id, o.Name, counts.GetValueOrDefault(o.Id) ?? empty))
            .OrderBy(o => o.Counts.RedemptionRate ?? double.MaxValue)
            .ThenBy(o => o.Name, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false))
            .ToList();
    }

    private static async Task<Dictionary<int, FollowUpCounts>> CountAsync(BrpDbContext db, IReadOnlyList<int> organisationIds, DateOnly today, CancellationToken cancellationToken)
    {
        var soon = today.AddDays(ExpiringDays);
        var rows = await db.PreOrders.AsNoTracking()
            .Where(p => organisationIds.Contains(p.OrganisationId))
            .GroupBy(p => p.OrganisationId)
            .Select(g => new
            {
                g.Key,
                All = g.Count(),
                Redeemed = g.Count(p => p.Status == PreOrderStatus.Redeemed),
                Open = g.Count(p => p.Status == PreOrderStatus.Open && p.ValidTo >= today),
                Soon = g.Count(p => p.Status == PreOrderStatus.Open && p.ValidTo >= today && p.ValidTo <= soon),
                Expired = g.Count(p => p.Status == PreOrderStatus.Open && p.ValidTo < today),
                Withdrawn = g.Count(p => p.Status == PreOrderStatus.Withdrawn),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => new FollowUpCounts(r.All, r.Redeemed, r.Open, r.Soon, r.Expired, r.Withdrawn));
    }

    /// <summary>The last <see cref="Weeks"/> ISO weeks up to this one, each with its redemptions (by the Stockholm date of the redeem).</summary>
    private static async Task<IReadOnlyList<WeekRedemptions>> WeeksAsync(BrpDbContext db, int organisationId, DateOnly today, CancellationToken cancellationToken)
    {
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstMonday = thisMonday.AddDays(-7 * (Weeks - 1));
        var fromUtc = firstMonday.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var redeemed = await db.PreOrders.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId && p.Status == PreOrderStatus.Redeemed && p.RedeemedUtc != null && p.RedeemedUtc >= fromUtc)
            .Select(p => p.RedeemedUtc!.Value)
            .ToListAsync(cancellationToken);
        var days = redeemed.Select(utc => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), StockholmClock.Stockholm))).ToList();
        return Enumerable.Range(0, Weeks)
            .Select(i => firstMonday.AddDays(7 * i))
            .Select(monday => new WeekRedemptions(
                monday, ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)), days.Count(d => d >= monday && d < monday.AddDays(7))))
            .ToList();
    }
}
