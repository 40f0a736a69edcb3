using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>The values staff see before and after an operation.</summary>
public sealed record SubscriptionSnapshot(
    int ProductId,
    Money MonthlyPrice,
    DateOnly? BoundUntil,
    DateOnly BilledUntil,
    DateOnly? EndDate,
    int SavedDays,
    int UsedDays,
    int FreezeYear,
    int FreezesUsedInYear,
    int? FreezesLeftInYear,
    ScheduledChange? Scheduled = null);

/// <summary>A charge the operation will create, with its formula in words.</summary>
public sealed record ChargePreview(ChargeKind Kind, Money Amount, string Formula);

/// <summary>A supervisor's override: allowed only with the right and a written reason.</summary>
public sealed record OverrideRequest(bool ActorMaySupervise, string? Reason)
{
    public static OverrideRequest None { get; } = new(false, null);

    public bool IsGranted => ActorMaySupervise && !string.IsNullOrWhiteSpace(Reason);
}

/// <summary>What an operation needs besides its own inputs. "Today" is a parameter: a preview never reads a clock.</summary>
public sealed record OperationContext(DateOnly Today, Product Product, OverrideRequest Override)
{
    public OperationContext(DateOnly today, Product product)
        : this(today, product, OverrideRequest.None)
    {
    }
}

/// <summary>
/// The pure half of an operation: every value that will change, the charges and what stands in the way.
/// The apply half stores exactly <see cref="After"/> and <see cref="Charges"/>.
/// </summary>
public sealed class OperationPreview
{
    public required SubscriptionSnapshot Before { get; init; }

    public required SubscriptionSnapshot After { get; init; }

    public IReadOnlyList<ChargePreview> Charges { get; init; } = [];

    public IReadOnlyList<Error> Errors { get; init; } = [];

    /// <summary>Why the values change, in Swedish.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool OverrideGranted { get; init; }

    /// <summary>The subscription version the preview was computed on.</summary>
    public int Version { get; init; }

    /// <summary>True when the only obstacles are rules a supervisor may override.</summary>
    public bool OnlyOverridableErrors => Errors.Count > 0 && Errors.All(e => e.Overridable);

    public bool CanConfirm => Errors.Count == 0 || (OnlyOverridableErrors && OverrideGranted);

    public Money TotalCharged => Charges.Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
}
