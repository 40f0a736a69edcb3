using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Products;

public enum ProductKind
{
    /// <summary>Renews every billing interval until cancelled (löpande).</summary>
    Running,

    /// <summary>Ends by itself after its term (tidsbegränsat); the term is the binding months.</summary>
    FixedTerm,
}

/// <summary>A membership product: price, billing interval, binding, notice and freeze rule.</summary>
public sealed class Product : VersionedEntity
{
    public const int NameMaxLength = 100;
    public const int MaxBindingMonths = 12;

    private Product()
    {
        Name = string.Empty;
        FreezeRule = FreezeRule.NotAllowed;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public ProductKind Kind { get; private set; }

    public Money MonthlyPrice { get; private set; }

    public int BillingIntervalMonths { get; private set; }

    public int BindingMonths { get; private set; }

    public int NoticeMonths { get; private set; }

    public bool IsAddOn { get; private set; }

    public bool AllowedAsPreOrderProduct { get; private set; }

    public FreezeRule FreezeRule { get; private set; }

    /// <summary>Whether a member may change to a cheaper product while still bound (docs/decisions/073).</summary>
    public bool AllowsDowngradeDuringBinding { get; private set; }

    /// <summary>A retired product is no longer offered; subscriptions on it go on.</summary>
    public bool IsRetired { get; private set; }

    /// <summary>A product can be pre-ordered only when it is a main membership allowed for pre-orders (domain.md §4).</summary>
    public bool CanBePreOrdered => AllowedAsPreOrderProduct && !IsAddOn && !IsRetired;

    public static Result<Product> Create(ProductDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result<Product>.Failure(errors);
        }

        var product = new Product();
        product.Apply(details);
        return product;
    }

    public Result Update(ProductDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Apply(details);
        return Result.Success();
    }

    public void Retire() => IsRetired = true;

    public void Reinstate() => IsRetired = false;

    public ProductDetails ToDetails() => new(
        Name, Kind, MonthlyPrice, BillingIntervalMonths, BindingMonths, NoticeMonths, IsAddOn, AllowedAsPreOrderProduct, FreezeRule, AllowsDowngradeDuringBinding);

    private void Apply(ProductDetails details)
    {
        Name = details.Name.Trim();
        Kind = details.Kind;
        MonthlyPrice = details.MonthlyPrice;
        BillingIntervalMonths = details.BillingIntervalMonths;
        BindingMonths = details.BindingMonths;
        NoticeMonths = details.NoticeMonths;
        IsAddOn = details.IsAddOn;
        AllowedAsPreOrderProduct = details.AllowedAsPreOrderProduct && !details.IsAddOn;
        FreezeRule = details.FreezeRule;
        AllowsDowngradeDuringBinding = details.AllowsDowngradeDuringBinding;
    }
}

/// <summary>What staff fill in for a product; validated here so the form and the service agree.</summary>
public sealed record ProductDetails(
    string Name,
    ProductKind Kind,
    Money MonthlyPrice,
    int BillingIntervalMonths,
    int BindingMonths,
    int NoticeMonths,
    bool IsAddOn,
    bool AllowedAsPreOrderProduct,
    FreezeRule FreezeRule,
    bool AllowsDowngradeDuringBinding = false)
{
    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new(ProductCodes.Name, "Ange produktens namn"));
        }
        else if (Name.Trim().Length > Product.NameMaxLength)
        {
            errors.Add(new(ProductCodes.NameLength, $"Namnet får vara högst {Product.NameMaxLength} tecken"));
        }

        if (MonthlyPrice.Ore < 0)
        {
            errors.Add(new(ProductCodes.Price, "Priset kan inte vara negativt"));
        }

        if (BillingIntervalMonths is < 1 or > 12)
        {
            errors.Add(new(ProductCodes.Interval, "Debiteringsintervallet ska vara 1–12 månader"));
        }

        if (BindingMonths is < 0 or > Product.MaxBindingMonths)
        {
            errors.Add(new(ProductCodes.Binding, "Bindningstiden ska vara 0–12 månader"));
        }

        if (Kind == ProductKind.FixedTerm && BindingMonths < 1)
        {
            errors.Add(new(ProductCodes.Term, "Ett tidsbegränsat abonnemang behöver en löptid (bindningstid) på minst 1 månad"));
        }

        if (NoticeMonths is < 0 or > 12)
        {
            errors.Add(new(ProductCodes.Notice, "Uppsägningstiden ska vara 0–12 månader"));
        }

        errors.AddRange(FreezeRule.Validate());
        return errors;
    }
}

/// <summary>The codes of a product's refusals, declared once: the form places each under its field by them.</summary>
public static class ProductCodes
{
    public const string Name = "product.name";
    public const string NameLength = Name + ".length";
    public const string Price = "product.price";
    public const string Interval = "product.interval";
    public const string Binding = "product.binding";
    public const string Term = "product.term";
    public const string Notice = "product.notice";
}
