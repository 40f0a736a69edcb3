using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>Frys.</summary>
public sealed record FreezeRequest(DateOnly Start, DateOnly End, string? Reason);

/// <summary>Förkorta or förlänga pågående frysning.</summary>
public enum FreezeChange
{
    Shorten,
    Extend,
}

/// <summary>Freeze, remove, shorten and extend (domain.md §6.1–6.3).</summary>
public sealed partial class Subscription
{
    public OperationPreview PreviewFreeze(FreezeRequest request, OperationContext context)
    {
        var rule = context.Product.FreezeRule;
        var before = Snapshot(request.Start.Year, rule);
        var errors = new List<Error>();
        var notes = new List<string>();

        if (request.End < request.Start)
        {
            errors.Add(SubscriptionErrors.EndBeforeStart);
            return Refused(before, errors, context);
        }

        var range = new DateRange(request.Start, request.End);
        errors.AddRange(CommonFreezeChecks(range, context, null));
        errors.AddRange(RuleChecks(range, rule, countThisFreeze: true, without: null));
        if (range.Start < context.Today)
        {
            errors.Add(SubscriptionErrors.StartInPast);
        }

        var fact = new FreezeFact(-1, range, NextSequence);
        var timeline = Derive(Facts(extraFreeze: fact));
        var saved = timeline.SavedDaysByFreeze[-1];
        var after = SnapshotOf(timeline, range.Start.Year, rule, ProductId, MonthlyPrice, extraFreezeInYear: 1, extraSavedDays: saved);

        notes.Add($"Bundet t.o.m. flyttas {range.Days} dagar, lika många som frysningen.");
        notes.Add(saved > 0
            ? $"{saved} av de frysta dagarna var redan betalda: de sparas och ges tillbaka genom att debiterat t.o.m. flyttas."
            : "Inga frysta dagar var betalda än: debiterat t.o.m. står kvar och kommande debiteringar hoppar över de frysta dagarna.");

        var charges = rule.Fee.IsZero
            ? (IReadOnlyList<ChargePreview>)[]
            : [new ChargePreview(ChargeKind.FreezeFee, rule.Fee, $"Frysningsavgift enligt produktens frysregel: {rule.Fee}")];

        return PreviewOf(before, after, context, errors, notes, charges);
    }

    public Result<OperationPreview> Freeze(FreezeRequest request, OperationContext context, string staffId, DateTime nowUtc)
    {
        var preview = PreviewFreeze(request, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        var range = new DateRange(request.Start, request.End);
        var overrideReason = preview.Errors.Count > 0 ? context.Override.Reason : null;
        var freeze = new Freeze(range, request.Reason, context.Product.FreezeRule.Fee, NextSequence++, staffId, nowUtc, overrideReason);
        freezes.Add(freeze);
        freeze.SetSavedDays(preview.After.SavedDays - preview.Before.SavedDays);
        foreach (var charge in preview.Charges)
        {
            charges.Add(new Charge(charge.Kind, charge.Amount, charge.Formula, staffId, nowUtc, freeze));
        }

        Recalculate();
        return preview;
    }

    public OperationPreview PreviewRemoveFreeze(Freeze? freeze, OperationContext context)
    {
        freeze = Own(freeze);
        var rule = context.Product.FreezeRule;
        if (freeze is null)
        {
            return Refused(Snapshot(context.Today.Year, rule), [SubscriptionErrors.FreezeNotFound], context);
        }

        var before = Snapshot(freeze.Range.Start.Year, rule);
        var errors = new List<Error>();
        if (!CanRemove(freeze, context.Today))
        {
            errors.Add(SubscriptionErrors.FreezeHasBegun);
        }

        var after = SnapshotOf(Derive(Facts(without: freeze)), freeze.Range.Start.Year, rule, ProductId, MonthlyPrice, extraFreezeInYear: -1, extraSavedDays: 0);
        var notes = new List<string>
        {
            "Datumen blir vad de hade varit om frysningen aldrig funnits.",
            "Sparade och utnyttjade dagar står kvar som historik.",
        };
        var fee = charges.FirstOrDefault(c => c.Freeze == freeze && c.Kind == ChargeKind.FreezeFee);
        if (fee is { IsOpen: true })
        {
            notes.Add($"Den obetalda frysningsavgiften ({fee.Amount}) makuleras.");
        }
        else if (fee is { PaidUtc: not null })
        {
            notes.Add($"Frysningsavgiften ({fee.Amount}) är redan betald och betalas inte tillbaka automatiskt.");
        }

        return PreviewOf(before, after, context, errors, notes);
    }

    public Result<OperationPreview> RemoveFreeze(Freeze freeze, OperationContext context, DateTime nowUtc)
    {
        var preview = PreviewRemoveFreeze(freeze, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        freeze.Remove(nowUtc);
        foreach (var fee in charges.Where(c => c.Freeze == freeze && c.Kind == ChargeKind.FreezeFee && c.IsOpen))
        {
            fee.Void(nowUtc);
        }

        Recalculate();
        return preview;
    }

    /// <summary>
    /// Shorten or extend an ongoing freeze. The result equals removing the freeze and creating it again with
    /// the new end (§6.3), so the changed freeze moves to the end of the history.
    /// </summary>
    public OperationPreview PreviewChangeFreezeEnd(Freeze? freeze, FreezeChange change, DateOnly newEnd, OperationContext context)
    {
        freeze = Own(freeze);
        var rule = context.Product.FreezeRule;
        if (freeze is null)
        {
            return Refused(Snapshot(context.Today.Year, rule), [SubscriptionErrors.FreezeNotFound], context);
        }

        var before = Snapshot(freeze.Range.Start.Year, rule);
        var errors = new List<Error>();
        if (!freeze.IsOngoing(context.Today))
        {
            errors.Add(SubscriptionErrors.FreezeNotOngoing);
        }

        if (change == FreezeChange.Shorten)
        {
            if (newEnd >= freeze.Range.End)
            {
                errors.Add(SubscriptionErrors.ShortenMustBeEarlier(freeze.Range.End));
            }

            if (newEnd < context.Today.AddDays(-1))
            {
                errors.Add(SubscriptionErrors.ShortenNotBeforeYesterday);
            }

            if (newEnd < freeze.Range.Start)
            {
                errors.Add(SubscriptionErrors.ShortenBeforeStart(freeze.Range.Start));
            }
        }
        else if (newEnd <= freeze.Range.End)
        {
            errors.Add(SubscriptionErrors.ExtendMustBeLater(freeze.Range.End));
        }

        if (errors.Count > 0)
        {
            return Refused(before, errors, context);
        }

        var range = new DateRange(freeze.Range.Start, newEnd);
        errors.AddRange(CommonFreezeChecks(range, context, freeze));
        errors.AddRange(RuleChecks(range, rule, countThisFreeze: false, without: freeze));

        var fact = new FreezeFact(-1, range, NextSequence);
        var timeline = Derive(Facts(without: freeze, extraFreeze: fact));
        var saved = timeline.SavedDaysByFreeze[-1];
        var after = SnapshotOf(timeline, range.Start.Year, rule, ProductId, MonthlyPrice, 0, saved - freeze.SavedDays);
        var difference = range.Days - freeze.Range.Days;
        var notes = new List<string>
        {
            change == FreezeChange.Shorten
                ? $"Frysningen blir {-difference} dagar kortare: {range.Days} dagar i stället för {freeze.Range.Days}."
                : $"Frysningen blir {difference} dagar längre: {range.Days} dagar i stället för {freeze.Range.Days}.",
            "Resultatet är detsamma som att ta bort frysningen och lägga in den igen med det nya slutdatumet.",
        };

        return PreviewOf(before, after, context, errors, notes);
    }

    public Result<OperationPreview> ChangeFreezeEnd(Freeze freeze, FreezeChange change, DateOnly newEnd, OperationContext context)
    {
        var preview = PreviewChangeFreezeEnd(freeze, change, newEnd, context);
        if (!preview.CanConfirm)
        {
            return Result<OperationPreview>.Failure(preview.Errors);
        }

        var newSaved = freeze.SavedDays + (preview.After.SavedDays - preview.Before.SavedDays);
        freeze.ChangeEnd(newEnd, NextSequence++, preview.Errors.Count > 0 ? context.Override.Reason : null);
        freeze.SetSavedDays(newSaved);
        Recalculate();
        return preview;
    }

    /// <summary>The freeze if it is one of this subscription's active freezes, else null.</summary>
    public Freeze? Own(Freeze? freeze) => freeze is not null && ActiveFreezes.Contains(freeze) ? freeze : null;

    /// <summary>Finds an active freeze by id (the app's dialogs know freezes by id).</summary>
    public Freeze? ActiveFreeze(int freezeId) => ActiveFreezes.FirstOrDefault(f => f.Id == freezeId);

    /// <summary>A freeze that starts today has not been used yet: the member is at the desk and may still train today.</summary>
    public static bool CanRemove(Freeze freeze, DateOnly today) => freeze.Range.Start >= today;

    /// <summary>Why Frys is not possible right now, or null.</summary>
    public Error? WhyNotFreeze(DateOnly today)
    {
        if (IsCancelled)
        {
            return SubscriptionErrors.Cancelled;
        }

        return EndDate is { } end && end < today ? SubscriptionErrors.Ended : null;
    }

    private List<Error> CommonFreezeChecks(DateRange range, OperationContext context, Freeze? changing)
    {
        var errors = new List<Error>();
        if (IsCancelled)
        {
            errors.Add(SubscriptionErrors.Cancelled);
        }
        else if (EndDate is { } end && end < context.Today)
        {
            errors.Add(SubscriptionErrors.Ended);
        }

        if (range.Start < StartDate)
        {
            errors.Add(SubscriptionErrors.FreezeBeforeStart(StartDate));
        }

        if (IsFixedTerm && changing is null && EndDate is { } fixedEnd && range.Start > fixedEnd)
        {
            errors.Add(SubscriptionErrors.FreezeAfterEnd(fixedEnd));
        }

        var overlapping = ActiveFreezes.FirstOrDefault(f => f != changing && f.Range.Overlaps(range));
        if (overlapping is not null)
        {
            errors.Add(SubscriptionErrors.Overlap(overlapping.Range));
        }

        return errors;
    }

    private List<Error> RuleChecks(DateRange range, FreezeRule rule, bool countThisFreeze, Freeze? without)
    {
        var errors = new List<Error>();
        if (!rule.AllowsFreezing)
        {
            errors.Add(SubscriptionErrors.ProductCannotBeFrozen);
            return errors;
        }

        if (range.Days < rule.MinDays)
        {
            errors.Add(SubscriptionErrors.TooShort(range.Days, rule.MinDays));
        }

        if (range.Days > rule.MaxDays)
        {
            errors.Add(SubscriptionErrors.TooLong(range.Days, rule.MaxDays));
        }

        if (countThisFreeze)
        {
            var year = range.Start.Year;
            var used = ActiveFreezes.Count(f => f != without && f.Range.Start.Year == year);
            if (used >= rule.MaxPerYear)
            {
                errors.Add(SubscriptionErrors.TooManyThisYear(used, rule.MaxPerYear, year));
            }
        }

        return errors;
    }

    private OperationPreview Refused(SubscriptionSnapshot before, List<Error> errors, OperationContext context) =>
        PreviewOf(before, before, context, errors, []);

    /// <summary>Every preview carries the version it was computed on and whether a supervisor's override applies.</summary>
    private OperationPreview PreviewOf(
        SubscriptionSnapshot before,
        SubscriptionSnapshot after,
        OperationContext context,
        IReadOnlyList<Error> errors,
        IReadOnlyList<string> notes,
        IReadOnlyList<ChargePreview>? charges = null) => new()
        {
            Before = before,
            After = after,
            Charges = charges ?? [],
            Errors = errors,
            Notes = notes,
            OverrideGranted = context.Override.IsGranted,
            Version = Version,
        };
}
