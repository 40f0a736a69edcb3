using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>Säg upp.</summary>
/// <param name="Reason">Why the member cancels; required.</param>
/// <param name="FinalPayment">Charge BilledUntil + 1 … end at once.</param>
/// <param name="NoticeFromTomorrow">The setting that counts the notice period from tomorrow instead of today.</param>
public sealed record CancelRequest(string? Reason, bool FinalPayment, bool NoticeFromTomorrow = false);

/// <summary>Cancel (domain.md §6.4).</summary>
public sealed partial class Subscription
{
    /// <summary>
    /// End date = max(BoundUntil, noticeStart + notice months − 1 day), and never before the notice starts
    /// (a product without notice ends on the day it is cancelled, not the day before).
    /// </summary>
    public static DateOnly CancellationEndDate(DateOnly? boundUntil, DateOnly noticeStart, int noticeMonths)
    {
        var noticeEnd = Calendar.EndOfMonthsFrom(noticeStart, noticeMonths);
        var end = noticeEnd < noticeStart ? noticeStart : noticeEnd;
        return boundUntil is { } bound && bound > end ? bound : end;
    }

    /// <summary>Why Säg upp is not possible right now, or null.</summary>
    public Error? WhyNotCancel(DateOnly today)
    {
        if (IsCancelled)
        {
            return SubscriptionErrors.Cancelled;
        }

        if (EndDate is { } end && end < today)
        {
            return SubscriptionErrors.Ended;
        }

        if (IsFixedTerm)
        {
            return SubscriptionErrors.FixedTermCannotBeCancelled;
        }

        var future = ActiveFreezes.Where(f => CanRemove(f, today)).OrderBy(f => f.Range.Start).FirstOrDefault();
        return future is null ? null : SubscriptionErrors.FutureFreezeBlocksCancel(future.Range);
    }

    public OperationPreview PreviewCancel(CancelRequest request, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(context.Today.Year, rule);
        var errors = new List<Error>();
        if (WhyNotCancel(context.Today) is { } blocked)
        {
            errors.Add(blocked);
            return Refused(before, errors, context);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(SubscriptionErrors.ReasonRequired);
        }

        var noticeStart = request.NoticeFromTomorrow ? context.Today.AddDays(1) : context.Today;
        var end = CancellationEndDate(BoundUntil, noticeStart, context.Product.NoticeMonths);
        var notes = new List<string>
        {
            $"Uppsägningstiden är {context.Product.NoticeMonths} mån räknat från {noticeStart:yyyy-MM-dd}"
            + (request.NoticeFromTomorrow ? " (i morgon, enligt inställning)" : string.Empty) + ".",
            BoundUntil is { } bound && bound >= end
                ? $"Bindningstiden går längre än uppsägningstiden: slutdatum blir bundet t.o.m. {bound:yyyy-MM-dd}."
                : $"Slutdatum blir sista dagen i uppsägningstiden, {end:yyyy-MM-dd}.",
            "Autoförnyelsen stängs av.",
        };

        var charges = new List<ChargePreview>();
        IReadOnlyList<BillingFact> finalFacts = [];
        if (request.FinalPayment)
        {
            var plan = PlanBilling(end, context, clipAt: end);
            if (plan.Periods.Count > 0)
            {
                var total = plan.Periods.Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
                charges.Add(new ChargePreview(ChargeKind.FinalPayment, total, $"Slutbetalning {BilledUntil.AddDays(1):yyyy-MM-dd} – {end:yyyy-MM-dd}: {plan.FormulaSummary(total)}"));
                finalFacts = [new BillingFact(-1, NextSequence, context.Product.BillingIntervalMonths, end)];
            }
            else
            {
                notes.Add("Allt fram till slutdatum är redan debiterat: ingen slutbetalning behövs.");
            }
        }

        var after = SnapshotOf(Derive(Facts(extraBilling: finalFacts, cancelledEnd: end)), context.Today.Year, rule, ProductId, MonthlyPrice, 0, 0);
        notes.AddRange(FreezeNotesAtEnd(end, before.BilledUntil, after.BilledUntil));
        return PreviewOf(before, after, context, errors, notes, charges);
    }

    public Result<OperationPreview> Cancel(CancelRequest request, OperationContext context, string staffId, DateTime nowUtc)
    {
        var preview = PreviewCancel(request, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        CancelledOn = context.Today;
        CancellationReason = Clean(request.Reason);
        CancelledEnd = preview.After.EndDate;
        AutoRenew = false;
        foreach (var charge in preview.Charges)
        {
            var entity = new Charge(charge.Kind, charge.Amount, charge.Formula, staffId, nowUtc);
            charges.Add(entity);
            billedPeriods.Add(new BilledPeriod(NextSequence++, context.Product.BillingIntervalMonths, CancelledEnd, charge.Amount, nowUtc, entity));
        }

        Recalculate();
        return preview;
    }

    /// <summary>The freeze's days inside the membership: a freeze ends at the end date (docs/decisions/071).</summary>
    public DateRange? MembershipDays(Freeze freeze) => SubscriptionTimeline.ClipToEnd(freeze.Range, CancelledEnd);

    /// <summary>What a cancellation does to a freeze that runs past the end date, in words for the preview.</summary>
    private IEnumerable<string> FreezeNotesAtEnd(DateOnly end, DateOnly billedBefore, DateOnly billedAfter)
    {
        foreach (var freeze in ActiveFreezes.Where(f => f.Range.End > end).OrderBy(f => f.Range.Start))
        {
            yield return $"Frysningen {freeze.Range} slutar på slutdatum {end:yyyy-MM-dd} i stället för {freeze.Range.End:yyyy-MM-dd}: ett avslutat abonnemang är inte fryst.";
        }

        if (billedBefore > end && billedAfter <= end)
        {
            yield return $"Debiterat t.o.m. blir {billedAfter:yyyy-MM-dd}, inte {billedBefore:yyyy-MM-dd}: dagar efter slutdatum betalas inte och ges inte tillbaka.";
        }
    }

    /// <summary>Why Ångra uppsägning is not possible right now, or null.</summary>
    public Error? WhyNotUndoCancel(DateOnly today)
    {
        if (!IsCancelled)
        {
            return SubscriptionErrors.NotCancelled;
        }

        return EndDate is { } end && end < today ? SubscriptionErrors.Ended : null;
    }

    /// <summary>
    /// Ångra uppsägning (a supervisor's undo): the subscription runs on as if it had not been cancelled. The binding
    /// and end date are derived again from the facts; a final payment already charged stays charged (it paid days
    /// the member still gets), an unpaid one stays on the till list for staff to handle.
    /// </summary>
    public OperationPreview PreviewUndoCancel(string? reason, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(context.Today.Year, rule);
        var errors = new List<Error>();
        if (WhyNotUndoCancel(context.Today) is { } blocked)
        {
            errors.Add(blocked);
            return Refused(before, errors, context);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(SubscriptionErrors.UndoReasonRequired);
        }

        var after = SnapshotOf(Derive(Facts(withoutCancellation: true)), context.Today.Year, rule, ProductId, MonthlyPrice, 0, 0);
        IReadOnlyList<string> notes =
        [
            $"Uppsägningen den {CancelledOn:yyyy-MM-dd} ({CancellationReason}) tas bort: abonnemanget löper vidare och förnyas.",
            "Bundet t.o.m. blir vad det var före uppsägningen; debiterat t.o.m. ändras inte.",
        ];
        return PreviewOf(before, after, context, errors, notes);
    }

    public Result<OperationPreview> UndoCancel(string? reason, OperationContext context)
    {
        var preview = PreviewUndoCancel(reason, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        CancelledOn = null;
        CancellationReason = null;
        CancelledEnd = null;
        AutoRenew = !IsFixedTerm;
        Recalculate();
        return preview;
    }
}
