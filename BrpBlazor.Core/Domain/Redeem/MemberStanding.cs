using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Core.Domain.Redeem;

/// <summary>Settings the redeem flow follows (from appsettings, Brp section).</summary>
/// <param name="UnpaidDaysBlockRedeem">Open charges older than this many days stop the wizard (BRP's rule).</param>
public sealed record RedeemSettings(int MaxMonthsLeftOnPrivate, bool NoticeFromTomorrow, int UnpaidDaysBlockRedeem = RedeemSettings.DefaultUnpaidDaysBlockRedeem)
{
    public const int DefaultUnpaidDaysBlockRedeem = 30;
}

/// <summary>An open charge as the standing rule sees it: its amount and the Stockholm day it was made.</summary>
public readonly record struct UnpaidCharge(Money Amount, DateOnly Day);

/// <summary>
/// BRP's rule for step 1: a blocked person is stopped (a supervisor lifts the block on the person page), and so is a
/// person with open charges older than <see cref="RedeemSettings.UnpaidDaysBlockRedeem"/> days unless a supervisor overrides.
/// </summary>
public sealed record PersonStanding(string? BlockedReason, Money OverdueAmount, int OverdueCount, DateOnly? OldestOverdue, int UnpaidDays)
{
    public static PersonStanding Clear { get; } = new(null, Money.Zero, 0, null, RedeemSettings.DefaultUnpaidDaysBlockRedeem);

    public bool IsBlocked => BlockedReason is not null;

    public bool HasOverdueCharges => OverdueCount > 0;

    public Error? BlockedError => BlockedReason is { } reason ? RedeemErrors.Blocked(reason) : null;

    public Error? OverdueError => HasOverdueCharges ? RedeemErrors.UnpaidCharges(OverdueAmount, OverdueCount, OldestOverdue!.Value, UnpaidDays) : null;

    /// <summary>"Older than N days" in Stockholm calendar days: a charge made on day D is overdue from D + N + 1.</summary>
    public static PersonStanding Of(string? blockedReason, IEnumerable<UnpaidCharge> openCharges, DateOnly today, int unpaidDays)
    {
        var overdue = openCharges.Where(c => today.DayNumber - c.Day.DayNumber > unpaidDays).ToList();
        return new PersonStanding(
            blockedReason,
            overdue.Aggregate(Money.Zero, (sum, c) => sum + c.Amount),
            overdue.Count,
            overdue.Count == 0 ? null : overdue.Min(c => c.Day),
            unpaidDays);
    }
}

/// <summary>BRP's rule: a person whose running private subscription has more months left may not switch without an override.</summary>
public sealed record PrivateMembershipCheck(bool Blocks, string? Message)
{
    public static PrivateMembershipCheck Clear { get; } = new(false, null);

    /// <summary>
    /// The private subscription that can end last decides: a fixed term ends on its end date, a running one
    /// when cancelled today (or tomorrow, by setting) with its notice and binding.
    /// </summary>
    public static PrivateMembershipCheck Of(IEnumerable<Subscription> subscriptions, IReadOnlyDictionary<int, Product> products, DateOnly today, RedeemSettings settings)
    {
        var running = subscriptions
            .Where(s => s.OrganisationId is null && s.CancelledOn is null && (s.EndDate is null || s.EndDate >= today))
            .ToList();
        if (running.Count == 0)
        {
            return Clear;
        }

        var noticeStart = settings.NoticeFromTomorrow ? today.AddDays(1) : today;
        var worst = running
            .Select(s => (Subscription: s, Product: products[s.ProductId], End: s.IsFixedTerm ? s.EndDate!.Value : Subscription.CancellationEndDate(s.BoundUntil, noticeStart, products[s.ProductId].NoticeMonths)))
            .Select(x => (x.Subscription, x.Product, x.End, Months: Calendar.MonthsUntil(today, x.End)))
            .OrderByDescending(x => x.Months)
            .First();
        if (worst.Months <= settings.MaxMonthsLeftOnPrivate)
        {
            return Clear;
        }

        return new PrivateMembershipCheck(
            true,
            $"Personen har ett privat abonnemang ({worst.Product.Name}) med {worst.Months} månader kvar: det kan tidigast sluta {worst.End:yyyy-MM-dd}. " +
            $"Högst {settings.MaxMonthsLeftOnPrivate} månader får återstå för att gå över till en organisations avtal. En arbetsledare kan göra undantag med en skriftlig orsak.");
    }
}
