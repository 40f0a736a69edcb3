using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.FollowUp;

/// <summary>Who an invitation would go to: the preview staff confirm before anything is queued.</summary>
public sealed record InvitationPreview(IReadOnlyList<MailRecipient> Recipients, int WithoutEmail, int AlreadyInvited);

public sealed record MailRecipient(int PreOrderId, string Name, string Email, DateOnly ValidTo);

/// <summary>
/// Queues invitations and reminders in the outbox, each in the same transaction as its audit entry (and, for Skapa
/// förbeställning with the tick, as the pre-order itself). The background sender delivers them (docs/decisions/120).
/// </summary>
public sealed class PreOrderMail(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, MailSettings settings, SmtpSettings smtp)
{
    /// <summary>Open pre-orders within their validity with an e-mail address and no invitation yet; <paramref name="preOrderIds"/> narrows it.</summary>
    public async Task<Result<InvitationPreview>> PreviewInvitationsAsync(
        StaffActor actor, int organisationId, IReadOnlyCollection<int>? preOrderIds = null, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await InvitationCandidatesAsync(db, organisationId, preOrderIds, clock.Today, cancellationToken);
    }

    /// <summary>Queues an invitation to each of the previewed people who still qualify; one audit entry. Returns how many.</summary>
    public async Task<Result<int>> QueueInvitationsAsync(
        StaffActor actor, int organisationId, IReadOnlyCollection<int>? preOrderIds = null, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await InvitationCandidatesAsync(db, organisationId, preOrderIds, clock.Today, cancellationToken);
        var ids = candidates.Recipients.Select(r => r.PreOrderId).ToList();
        if (ids.Count == 0)
        {
            return new Error("invitation.none", "Ingen att bjuda in: alla med e-postadress har redan fått en inbjudan");
        }

        var preOrders = await db.PreOrders.Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        await AddAsync(db, MailKind.Invitation, preOrders, p => InvitationKey(p.Id), actor, cancellationToken);
        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "preorder.invite", "Organisation", organisationId, $"{ids.Count} inbjudningar lades i utkorgen", null,
            new { PreOrders = ids }, organisationId: organisationId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>
    /// Reminders for every open pre-order whose validity ends within <see cref="MailSettings.ReminderDaysBefore"/> days,
    /// once per validity end (an extended pre-order is reminded again before its new end). Run by the sender; safe
    /// on several servers at once, because the dedupe key is unique.
    /// </summary>
    public async Task<int> QueueDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var last = today.AddDays(settings.ReminderDaysBefore);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.PreOrders
            .Where(p => p.Status == PreOrderStatus.Open && p.Email != null && p.ValidTo >= today && p.ValidTo <= last)
            .OrderBy(p => p.Id)
            .Take(2000)
            .ToListAsync(cancellationToken);
        var keys = candidates.Select(AutoReminderKey).ToList();
        var queued = (await db.OutboxMessages.Where(m => keys.Contains(m.DedupeKey)).Select(m => m.DedupeKey).ToListAsync(cancellationToken)).ToHashSet();
        var due = candidates.Where(p => !queued.Contains(AutoReminderKey(p))).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            await AddAsync(db, MailKind.Reminder, due, p => AutoReminderKey(p), StaffActor.System, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseFailures.IsUniqueViolation(e, "OutboxMessages", "DedupeKey"))
        {
            // Another server queued the same reminders a moment ago: nothing to do.
            return 0;
        }

        return due.Count;
    }

    /// <summary>Reminders now, for a bulk action: added to <paramref name="db"/>, saved by the caller's transaction.</summary>
    internal async Task<int> AddRemindersNowAsync(BrpDbContext db, IReadOnlyList<PreOrder> preOrders, StaffActor actor, CancellationToken cancellationToken)
    {
        var withEmail = preOrders.Where(p => p.Email is not null).ToList();
        await AddAsync(db, MailKind.Reminder, withEmail, p => $"reminder-now:{p.Id}:{Guid.NewGuid():N}", actor, cancellationToken);
        return withEmail.Count;
    }

    /// <summary>The invitation for one new pre-order (Skapa with the tick), in the caller's transaction.</summary>
    internal Task AddInvitationAsync(BrpDbContext db, PreOrder preOrder, StaffActor actor, CancellationToken cancellationToken) =>
        preOrder.Email is null
            ? Task.CompletedTask
            : AddAsync(db, MailKind.Invitation, [preOrder], p => InvitationKey(p.Id), actor, cancellationToken);

    internal static string InvitationKey(int preOrderId) => $"invitation:{preOrderId}";

    internal static string AutoReminderKey(PreOrder p) => $"reminder:{p.Id}:{p.ValidTo:yyyyMMdd}";

    private async Task AddAsync(
        BrpDbContext db, MailKind kind, IReadOnlyList<PreOrder> preOrders, Func<PreOrder, string> key, StaffActor actor, CancellationToken cancellationToken)
    {
        var organisationIds = preOrders.Select(p => p.OrganisationId).Distinct().ToList();
        var productIds = preOrders.Select(p => p.ProductId).Distinct().ToList();
        var organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var texts = new Dictionary<int, MailText>();
        foreach (var organisationId in organisationIds)
        {
            texts[organisationId] = (await MailTexts.LoadAsync(db, organisationId, cancellationToken)).First(t => t.Kind == kind);
        }

        var now = clock.UtcNow;
        foreach (var p in preOrders)
        {
            var text = texts[p.OrganisationId];
            var mail = MailTexts.Render(text.Subject, text.Body, new MailValues(p.Name, organisations[p.OrganisationId], products[p.ProductId], p.ValidTo, settings.ChainName));
            db.OutboxMessages.Add(OutboxMessage.Create(kind, p.OrganisationId, p.Id, key(p), NewMessageId(), p.Email!, p.Name, mail, actor.Id, now));
        }
    }

    /// <summary>A globally unique Message-ID in the sender's domain, fixed when the message is queued.</summary>
    private string NewMessageId()
    {
        var domain = smtp.From is { } from && from.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? from[(at + 1)..] : "brpblazor.local";
        return $"{Guid.NewGuid():N}@{domain}";
    }

    private static async Task<InvitationPreview> InvitationCandidatesAsync(
        BrpDbContext db, int organisationId, IReadOnlyCollection<int>? preOrderIds, DateOnly today, CancellationToken cancellationToken)
    {
        var open = db.PreOrders.AsNoTracking().Where(p => p.OrganisationId == organisationId && p.Status == PreOrderStatus.Open && p.ValidTo >= today);
        if (preOrderIds is not null)
        {
            var wanted = preOrderIds.ToList();
            open = open.Where(p => wanted.Contains(p.Id));
        }

        var rows = await open
            .Select(p => new { p.Id, p.Name, p.Email, p.ValidTo, Invited = db.OutboxMessages.Any(m => m.PreOrderId == p.Id && m.Kind == MailKind.Invitation) })
            .ToListAsync(cancellationToken);
        var recipients = rows.Where(r => r.Email != null && !r.Invited).OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))
            .Select(r => new MailRecipient(r.Id, r.Name, r.Email!, r.ValidTo)).ToList();
        return new InvitationPreview(recipients, rows.Count(r => r.Email == null), rows.Count(r => r.Email != null && r.Invited));
    }
}
