using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.FollowUp;

public enum BulkActionKind
{
    /// <summary>Förläng giltighetstiden to a new giltig t.o.m.</summary>
    ExtendValidity,

    /// <summary>Återkalla, with one reason for all.</summary>
    Withdraw,

    /// <summary>Skicka påminnelse nu.</summary>
    RemindNow,
}

/// <summary>What a bulk action does; <see cref="NewValidTo"/> for Förläng, <see cref="Reason"/> for Återkalla.</summary>
public sealed record BulkAction(BulkActionKind Kind, DateOnly? NewValidTo = null, string? Reason = null);

/// <summary>Which pre-orders: those ticked by hand, or every one the list's filter finds.</summary>
public sealed record BulkSelection(int OrganisationId, IReadOnlyList<int>? PreOrderIds = null, PreOrderFilter? Filter = null);

/// <summary>One pre-order in a bulk preview; <see cref="Version"/> is what the confirm must still find.</summary>
public sealed record BulkLine(int PreOrderId, int Version, string Name, DateOnly ValidTo, string? SkipReason);

/// <summary>The preview staff confirm: who is affected, and who is left out and why.</summary>
public sealed record BulkPreview(BulkAction Action, IReadOnlyList<BulkLine> Affected, IReadOnlyList<BulkLine> Skipped);

/// <summary>
/// Bulk actions on pre-orders (right Organisation): previewed, confirmed once on exactly the previewed pre-orders,
/// one transaction with an audit entry per pre-order, all or nothing (docs/decisions/122).
/// </summary>
public sealed class PreOrderBulkActions(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock, PreOrderMail mail)
{
    public const int MaxPreOrders = 5000;

    public static readonly Error Changed = new("bulk.changed", "Några av förbeställningarna har ändrats sedan förhandsvisningen. Inget sparades: förhandsgranska igen.");

    public static readonly Error Failed = new("bulk.failed", "Något gick fel när ändringen sparades. Inget sparades.");

    /// <summary>A seam for tests: runs after each pre-order is changed, inside the transaction.</summary>
    internal Action<int>? AfterEach { get; init; }

    public async Task<Result<BulkPreview>> PreviewAsync(StaffActor actor, BulkSelection selection, BulkAction action, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        if (Validate(action) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var preOrders = await SelectAsync(db, selection, cancellationToken);
        if (preOrders.Count > MaxPreOrders)
        {
            return new Error("bulk.toomany", $"Högst {MaxPreOrders} förbeställningar åt gången: avgränsa urvalet");
        }

        var today = clock.Today;
        var lines = preOrders.Select(p => new BulkLine(p.Id, p.Version, p.Name, p.ValidTo, SkipReason(p, action, today))).ToList();
        return new BulkPreview(action, lines.Where(l => l.SkipReason is null).ToList(), lines.Where(l => l.SkipReason is not null).ToList());
    }

    /// <summary>Applies the previewed action to exactly the previewed pre-orders; refuses everything if any of them changed.</summary>
    public async Task<Result<int>> ApplyAsync(StaffActor actor, int organisationId, BulkPreview preview, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        var action = preview.Action;
        if (Validate(action) is { } invalid)
        {
            return invalid;
        }

        if (preview.Affected.Count == 0)
        {
            return new Error("bulk.none", "Ingen förbeställning i urvalet kan ändras");
        }

        var today = clock.Today;
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = preview.Affected.Select(l => l.PreOrderId).ToList();
        var preOrders = await db.PreOrders.Where(p => p.OrganisationId == organisationId && ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var versions = preview.Affected.ToDictionary(l => l.PreOrderId, l => l.Version);
        if (preOrders.Count != ids.Count || preOrders.Any(p => p.Version != versions[p.Id] || SkipReason(p, action, today) is not null))
        {
            return Changed;
        }

        var productNames = await db.Products.Where(p => preOrders.Select(x => x.ProductId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        try
        {
            foreach (var p in preOrders)
            {
                var before = new { Status = p.Status.ToString(), ValidTo = p.ValidTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
                var done = action.Kind switch
                {
                    BulkActionKind.ExtendValidity => p.ExtendValidity(action.NewValidTo!.Value, today),
                    BulkActionKind.Withdraw => p.Withdraw(action.Reason!, actor.Id, now),
                    _ => Result.Success(),
                };
                if (!done.IsSuccess)
                {
                    return Result<int>.Failure(done.Errors);
                }

                db.AuditEntries.Add(Audit.Entry(
                    actor, now, AuditAction(action.Kind), nameof(PreOrder), p.Id, Summary(action, p, productNames[p.ProductId]), before,
                    new { Status = p.Status.ToString(), ValidTo = p.ValidTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, organisationId: organisationId,
                    reason: action.Kind == BulkActionKind.Withdraw ? p.WithdrawnReason : null));
                AfterEach?.Invoke(p.Id);
            }

            if (action.Kind == BulkActionKind.RemindNow)
            {
                await mail.AddRemindersNowAsync(db, preOrders, actor, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
        catch (DbUpdateException)
        {
            return Failed;
        }

        return preOrders.Count;
    }

    private static Error? Validate(BulkAction action) => action.Kind switch
    {
        BulkActionKind.ExtendValidity when action.NewValidTo is null => new Error("bulk.validto", "Ange ny giltig t.o.m."),
        BulkActionKind.Withdraw when string.IsNullOrWhiteSpace(action.Reason) => new Error("preorder.reason", "Ange varför förbeställningarna återkallas"),
        _ => null,
    };

    private static string? SkipReason(PreOrder p, BulkAction action, DateOnly today) => action.Kind switch
    {
        _ when p.Status == PreOrderStatus.Redeemed => "Redan utnyttjad",
        _ when p.Status == PreOrderStatus.Withdrawn => "Redan återkallad",
        BulkActionKind.ExtendValidity when action.NewValidTo <= p.ValidTo => "Gäller redan så länge",
        BulkActionKind.RemindNow when p.ValidTo < today => "Giltighetstiden har gått ut",
        BulkActionKind.RemindNow when p.Email is null => "Saknar e-postadress",
        _ => null,
    };

    private static string AuditAction(BulkActionKind kind) => kind switch
    {
        BulkActionKind.ExtendValidity => "preorder.extend",
        BulkActionKind.Withdraw => "preorder.withdraw",
        _ => "preorder.remind",
    };

    private static string Summary(BulkAction action, PreOrder p, string productName) => action.Kind switch
    {
        BulkActionKind.ExtendValidity => $"Förbeställning på {productName} för {p.Name} förlängdes till {p.ValidTo:yyyy-MM-dd} (massåtgärd)",
        BulkActionKind.Withdraw => $"Förbeställning på {productName} för {p.Name} återkallades (massåtgärd)",
        _ => $"Påminnelse till {p.Name} lades i utkorgen (massåtgärd)",
    };

    private async Task<List<PreOrder>> SelectAsync(BrpDbContext db, BulkSelection selection, CancellationToken cancellationToken)
    {
        IQueryable<PreOrder> query;
        if (selection.PreOrderIds is { } ids)
        {
            var wanted = ids.Distinct().ToList();
            query = db.PreOrders.AsNoTracking().Where(p => p.OrganisationId == selection.OrganisationId && wanted.Contains(p.Id));
        }
        else
        {
            // The filter is always for the organisation the action is for, whatever it says.
            var filter = selection.Filter is { } f && f.OrganisationId == selection.OrganisationId ? f : new PreOrderFilter(selection.OrganisationId);
            query = PreOrderQueries.Filtered(db, filter, clock.Today).Select(r => r.PreOrder);
        }

        return await query.OrderBy(p => p.ValidTo).ThenBy(p => p.Id).Take(MaxPreOrders + 1).ToListAsync(cancellationToken);
    }
}
