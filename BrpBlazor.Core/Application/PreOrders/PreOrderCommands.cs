using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>What the Skapa förbeställning dialog sends: the person is typed as a personnummer or a birth date in one field.</summary>
public sealed record CreatePreOrderRequest(
    int OrganisationId, int ProductId, DateOnly ValidFrom, DateOnly ValidTo, string Name, string PersonnummerOrBirthDate, string? Email);

/// <summary>Skapa förbeställning and Återkalla: each one transaction with its audit entry, right Organisation required.</summary>
public sealed class PreOrderCommands(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public static readonly Error NotFound = new("preorder.notfound", "Förbeställningen finns inte");
    public static readonly Error ChangedByOther = new("preorder.concurrency", "Någon annan har ändrat förbeställningen under tiden. Stäng och öppna den igen.");

    /// <summary>The validity a new pre-order or import gets unless staff change it: from today, three months (docs/decisions/030).</summary>
    public static DateRange DefaultValidity(DateOnly today) => new(today, today.AddMonths(3));

    /// <summary>Creates one pre-order; refuses an open pre-order for the same person, product and overlapping validity.</summary>
    public async Task<Result<int>> CreateAsync(StaffActor actor, CreatePreOrderRequest request, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        var today = clock.Today;
        var errors = new List<Error>();
        var validity = PreOrderRules.CheckValidity(request.ValidFrom, request.ValidTo, today);
        errors.AddRange(validity.Errors);
        if (!PersonIdentity.TryParse(request.PersonnummerOrBirthDate, today, out var identity, out var identityError))
        {
            errors.Add(identityError);
        }

        var draft = new PreOrderDraft(
            request.OrganisationId, request.ProductId, validity.IsSuccess ? validity.Value : default, request.Name ?? string.Empty,
            identity.Personnummer, identity.BirthDate, request.Email);
        errors.AddRange(draft.Validate().Where(e => e.Code != PersonIdentity.Missing.Code));
        if (errors.Count > 0)
        {
            return Result<int>.Failure(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The write lock is taken at BEGIN (SQLite's IMMEDIATE), so neither the target check (price list, Använd
        // förbeställningar) nor the duplicate check can be overtaken by another tablet's save before the insert (docs/decisions/064).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await PreOrderRules.CheckTargetAsync(db, request.OrganisationId, request.ProductId, cancellationToken);
        if (!target.IsSuccess)
        {
            return Result<int>.Failure(target.Errors);
        }

        var open = await PreOrderRules.OpenPreOrdersAsync(db, request.OrganisationId, request.ProductId, validity.Value, cancellationToken);
        var preOrder = PreOrder.Create(draft, actor.Id, clock.UtcNow);
        if (open.TryFind(preOrder.Personnummer, preOrder.BirthDate, preOrder.NameKey, out _))
        {
            return new Error(
                PreOrderRules.ExistsForPerson.Code,
                $"{preOrder.Name} har redan en öppen förbeställning på {target.Value.ProductName} med giltighetstid som överlappar");
        }

        db.PreOrders.Add(preOrder);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "preorder.create", nameof(PreOrder), preOrder.Id,
            $"Förbeställning på {target.Value.ProductName} för {preOrder.Name} skapades", null, Describe(preOrder, target.Value.ProductName),
            organisationId: request.OrganisationId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return preOrder.Id;
    }

    /// <summary>Återkalla: an open pre-order, with a reason; refused when someone changed it since <paramref name="expectedVersion"/>.</summary>
    public async Task<Result> WithdrawAsync(
        StaffActor actor, int organisationId, int preOrderId, int expectedVersion, string reason, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var preOrder = await db.PreOrders.FirstOrDefaultAsync(p => p.Id == preOrderId && p.OrganisationId == organisationId, cancellationToken);
        if (preOrder is null)
        {
            return NotFound;
        }

        if (preOrder.Version != expectedVersion)
        {
            return ChangedByOther;
        }

        var before = new { Status = preOrder.Status.ToString() };
        var withdrawn = preOrder.Withdraw(reason, actor.Id, clock.UtcNow);
        if (!withdrawn.IsSuccess)
        {
            return withdrawn;
        }

        var productName = await db.Products.Where(p => p.Id == preOrder.ProductId).Select(p => p.Name).FirstAsync(cancellationToken);
        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "preorder.withdraw", nameof(PreOrder), preOrder.Id,
            $"Förbeställning på {productName} för {preOrder.Name} återkallades", before, new { Status = preOrder.Status.ToString() },
            organisationId: organisationId, reason: preOrder.WithdrawnReason));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedByOther;
        }

        return Result.Success();
    }

    /// <summary>What the audit log keeps of a pre-order: the personnummer masked, as in every list.</summary>
    internal static object Describe(PreOrder preOrder, string productName) => new
    {
        preOrder.Name,
        Personnummer = preOrder.Personnummer?.Masked,
        BirthDate = preOrder.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        preOrder.Email,
        Product = productName,
        Validity = preOrder.Validity.ToString(),
    };
}
