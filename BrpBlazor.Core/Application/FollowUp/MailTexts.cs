using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.FollowUp;

/// <summary>What fills a text's placeholders. Only these: a text never carries the personnummer.</summary>
public sealed record MailValues(string Name, string OrganisationName, string ProductName, DateOnly ValidTo, string ChainName);

/// <summary>One kind of text as an organisation uses it: its own, or the chain's default.</summary>
public sealed record MailText(MailKind Kind, string Subject, string Body, bool IsOrganisationsOwn);

/// <summary>The invitation and reminder texts, per organisation, with their defaults in Swedish (right Organisation).</summary>
public sealed class MailTexts(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const string InvitationSubject = "{kedja}: ett träningskort från {organisation} väntar på dig";

    public const string InvitationBody =
        """
        Hej {namn}!

        {organisation} bjuder dig på {produkt} hos {kedja}. Medlemskapet väntar på dig och kan hämtas ut till och med {giltig_tom}.

        Ta med giltig legitimation till valfri reception hos {kedja}, så hjälper vi dig att komma igång.

        Välkommen!
        {kedja}
        """;

    public const string ReminderSubject = "Påminnelse: ditt träningskort hos {kedja} kan hämtas ut t.o.m. {giltig_tom}";

    public const string ReminderBody =
        """
        Hej {namn}!

        Du har ännu inte hämtat ut {produkt} som {organisation} har beställt åt dig. Erbjudandet gäller till och med {giltig_tom}.

        Ta med giltig legitimation till valfri reception hos {kedja}.

        Hälsningar
        {kedja}
        """;

    public static MailText Default(MailKind kind) => kind == MailKind.Invitation
        ? new MailText(kind, InvitationSubject, InvitationBody, false)
        : new MailText(kind, ReminderSubject, ReminderBody, false);

    /// <summary>Fills the placeholders; an unknown one stays as it was typed, so the preview shows the mistake.</summary>
    public static RenderedMail Render(string subject, string body, MailValues values)
    {
        string Fill(string text) => text
            .Replace("{namn}", values.Name, StringComparison.Ordinal)
            .Replace("{organisation}", values.OrganisationName, StringComparison.Ordinal)
            .Replace("{produkt}", values.ProductName, StringComparison.Ordinal)
            .Replace("{giltig_tom}", values.ValidTo.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE")), StringComparison.Ordinal)
            .Replace("{kedja}", values.ChainName, StringComparison.Ordinal);
        return new RenderedMail(Fill(subject).ReplaceLineEndings(" ").Trim(), Fill(body).ReplaceLineEndings("\n"));
    }

    public async Task<Result<IReadOnlyList<MailText>>> GetAsync(StaffActor actor, int organisationId, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Result.Success(await LoadAsync(db, organisationId, cancellationToken));
    }

    /// <summary>Saves an organisation's own text; an empty subject and body go back to the default. Audited.</summary>
    public async Task<Result> SaveAsync(
        StaffActor actor, int organisationId, MailKind kind, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        var toDefault = string.IsNullOrWhiteSpace(subject) && string.IsNullOrWhiteSpace(body);
        if (!toDefault && (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(body)))
        {
            return new Error("mailtext.empty", "Både ämnesrad och text behövs (töm båda för att använda standardtexten)");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            return new Error("organisation.notfound", "Organisationen finns inte");
        }

        var stored = await db.MailTemplates.FirstOrDefaultAsync(t => t.OrganisationId == organisationId && t.Kind == kind, cancellationToken);
        var before = stored is null ? null : new { stored.Subject, stored.Body };
        if (toDefault)
        {
            if (stored is not null)
            {
                db.MailTemplates.Remove(stored);
            }
        }
        else
        {
            if (stored is null)
            {
                stored = MailTemplate.Create(organisationId, kind);
                db.MailTemplates.Add(stored);
            }

            stored.Change(subject, body, actor.Id, clock.UtcNow);
        }

        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "mailtext.change", nameof(MailTemplate), organisationId,
            $"{(kind == MailKind.Invitation ? "Inbjudningstexten" : "Påminnelsetexten")} ändrades{(toDefault ? " till standardtexten" : string.Empty)}",
            before, toDefault ? null : new { stored!.Subject, stored.Body }, organisationId: organisationId));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    internal static async Task<IReadOnlyList<MailText>> LoadAsync(BrpDbContext db, int organisationId, CancellationToken cancellationToken)
    {
        var own = await db.MailTemplates.AsNoTracking().Where(t => t.OrganisationId == organisationId).ToListAsync(cancellationToken);
        return Enum.GetValues<MailKind>()
            .Select(kind => own.Find(t => t.Kind == kind) is { } t ? new MailText(kind, t.Subject, t.Body, true) : Default(kind))
            .ToList();
    }
}
