using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Core.Domain.PreOrders;

/// <summary>What is stored. "Utgången" (expired) is not stored: it is an open pre-order past its validity.</summary>
public enum PreOrderStatus
{
    Open,
    Redeemed,
    Withdrawn,
}

/// <summary>What staff see: the stored status, with expiry worked out against today.</summary>
public enum PreOrderDisplayStatus
{
    Open,
    Redeemed,
    Withdrawn,
    Expired,
}

public enum PreOrderSource
{
    Manual,
    Import,
}

/// <summary>An organisation has reserved a product for a named person (förbeställning).</summary>
public sealed class PreOrder : VersionedEntity
{
    public const int NameMaxLength = 150;
    public const int ReasonMaxLength = 500;

    private PreOrder()
    {
        Name = string.Empty;
        NameKey = string.Empty;
        CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int OrganisationId { get; private set; }

    public int ProductId { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidTo { get; private set; }

    /// <summary>Giltighetstid: the days in which the pre-order can be redeemed.</summary>
    public DateRange Validity => new(ValidFrom, ValidTo);

    public string Name { get; private set; }

    /// <summary>The name's words, lower-cased and sorted, for matching a birth-date pre-order to a person.</summary>
    public string NameKey { get; private set; }

    public Personnummer? Personnummer { get; private set; }

    /// <summary>Always set: from the personnummer, or given on its own.</summary>
    public DateOnly BirthDate { get; private set; }

    public string? Email { get; private set; }

    public PreOrderSource Source { get; private set; }

    public int? ImportBatchId { get; private set; }

    public PreOrderStatus Status { get; private set; }

    public int? RedeemedSubscriptionId { get; private set; }

    public DateTime? RedeemedUtc { get; private set; }

    public string? WithdrawnReason { get; private set; }

    public DateTime? WithdrawnUtc { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public bool HasOnlyBirthDate => Personnummer is null;

    public static PreOrder Create(PreOrderDraft draft, string createdBy, DateTime createdUtc, int? importBatchId = null) => new()
    {
        OrganisationId = draft.OrganisationId,
        ProductId = draft.ProductId,
        ValidFrom = draft.Validity.Start,
        ValidTo = draft.Validity.End,
        Name = PersonName.Normalise(draft.Name),
        NameKey = PersonName.MatchKey(draft.Name),
        Personnummer = draft.Personnummer,
        BirthDate = draft.Personnummer?.BirthDate ?? draft.BirthDate,
        Email = string.IsNullOrWhiteSpace(draft.Email) ? null : draft.Email.Trim(),
        Source = importBatchId is null ? PreOrderSource.Manual : PreOrderSource.Import,
        ImportBatchId = importBatchId,
        Status = PreOrderStatus.Open,
        CreatedBy = createdBy,
        CreatedUtc = createdUtc,
    };

    public PreOrderDisplayStatus DisplayStatus(DateOnly today) =>
        Status switch
        {
            PreOrderStatus.Redeemed => PreOrderDisplayStatus.Redeemed,
            PreOrderStatus.Withdrawn => PreOrderDisplayStatus.Withdrawn,
            _ when today > ValidTo => PreOrderDisplayStatus.Expired,
            _ => PreOrderDisplayStatus.Open,
        };

    /// <summary>Open and within its validity today: the only pre-orders that can be redeemed.</summary>
    public bool IsRedeemable(DateOnly today) => Status == PreOrderStatus.Open && Validity.Contains(today);

    public Result Redeem(int subscriptionId, DateOnly today, DateTime nowUtc)
    {
        if (Status == PreOrderStatus.Redeemed)
        {
            return PreOrderErrors.AlreadyRedeemed;
        }

        if (Status == PreOrderStatus.Withdrawn)
        {
            return PreOrderErrors.Withdrawn;
        }

        if (!Validity.Contains(today))
        {
            return PreOrderErrors.OutsideValidity(Validity);
        }

        Status = PreOrderStatus.Redeemed;
        RedeemedSubscriptionId = subscriptionId;
        RedeemedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>Förläng giltighetstiden: an open pre-order (also one that has expired) valid until a later day.</summary>
    public Result ExtendValidity(DateOnly newValidTo, DateOnly today)
    {
        if (Status != PreOrderStatus.Open)
        {
            return new Error("preorder.notopen", "Bara en öppen förbeställning kan förlängas");
        }

        if (newValidTo <= ValidTo)
        {
            return new Error("preorder.extend.earlier", $"Nya giltig t.o.m. måste vara efter {ValidTo:yyyy-MM-dd}");
        }

        if (newValidTo < today)
        {
            return new Error("preorder.extend.past", "Nya giltig t.o.m. har redan passerat");
        }

        ValidTo = newValidTo;
        return Result.Success();
    }

    public Result Withdraw(string reason, string staffId, DateTime nowUtc)
    {
        if (Status != PreOrderStatus.Open)
        {
            return new Error("preorder.notopen", "Bara en öppen förbeställning kan återkallas");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Error("preorder.reason", "Ange varför förbeställningen återkallas");
        }

        Status = PreOrderStatus.Withdrawn;
        WithdrawnReason = reason.Trim().Length > ReasonMaxLength ? reason.Trim()[..ReasonMaxLength] : reason.Trim();
        WithdrawnBy = staffId;
        WithdrawnUtc = nowUtc;
        return Result.Success();
    }
}

/// <summary>A pre-order before it is stored: from the Skapa dialog or one line of an import.</summary>
public sealed record PreOrderDraft(
    int OrganisationId,
    int ProductId,
    DateRange Validity,
    string Name,
    Personnummer? Personnummer,
    DateOnly BirthDate,
    string? Email)
{
    public DateOnly EffectiveBirthDate => Personnummer?.BirthDate ?? BirthDate;

    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("preorder.name", "Namn saknas"));
        }
        else if (Name.Trim().Length > PreOrder.NameMaxLength)
        {
            errors.Add(new("preorder.name.length", $"Namnet får vara högst {PreOrder.NameMaxLength} tecken"));
        }

        if (Personnummer is null && BirthDate == default)
        {
            errors.Add(new("preorder.identity", "Personnummer eller födelsedatum saknas"));
        }

        if (!EmailAddress.IsValidOrEmpty(Email))
        {
            errors.Add(EmailAddress.Invalid);
        }

        return errors;
    }
}

public static class PreOrderErrors
{
    public static readonly Error AlreadyRedeemed = new("preorder.redeemed", "Förbeställningen har redan utnyttjats");
    public static readonly Error Withdrawn = new("preorder.withdrawn", "Förbeställningen har återkallats");

    public static Error OutsideValidity(DateRange validity) =>
        new("preorder.validity", $"Förbeställningen gäller bara {validity}");
}
