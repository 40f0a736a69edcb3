using System.Globalization;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.Core.Domain.Organisations;

/// <summary>A company with an agreement: its people may buy the products on its price list at its prices.</summary>
public sealed class Organisation : VersionedEntity
{
    public const int NameMaxLength = 150;

    private readonly List<PriceListEntry> priceList = [];

    private Organisation()
    {
        Name = string.Empty;
        SearchText = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public Organisationsnummer Organisationsnummer { get; private set; }

    /// <summary>The staff member (kundansvarig) who looks after the agreement; a staff user id.</summary>
    public string? CustomerManagerId { get; private set; }

    /// <summary>Använd förbeställningar.</summary>
    public bool UsesPreOrders { get; private set; }

    public string SearchText { get; private set; }

    public IReadOnlyList<PriceListEntry> PriceList => priceList;

    public static Result<Organisation> Create(OrganisationDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result<Organisation>.Failure(errors);
        }

        var organisation = new Organisation();
        organisation.Apply(details);
        return organisation;
    }

    public Result Update(OrganisationDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Apply(details);
        return Result.Success();
    }

    public OrganisationDetails ToDetails() => new(Name, Organisationsnummer, CustomerManagerId, UsesPreOrders);

    /// <summary>Puts a product on the price list at a monthly price, or changes its price.</summary>
    public Result SetPrice(Product product, Money monthlyPrice)
    {
        if (monthlyPrice.Ore < 0)
        {
            return new Error(OrganisationCodes.PriceListPrice, "Priset kan inte vara negativt");
        }

        var entry = priceList.Find(e => e.ProductId == product.Id);
        if (entry is null)
        {
            priceList.Add(new PriceListEntry(product.Id, monthlyPrice));
        }
        else
        {
            entry.ChangePrice(monthlyPrice);
        }

        return Result.Success();
    }

    public void RemoveFromPriceList(int productId) => priceList.RemoveAll(e => e.ProductId == productId);

    public PriceListEntry? PriceFor(int productId) => priceList.Find(e => e.ProductId == productId);

    private void Apply(OrganisationDetails details)
    {
        Name = details.Name.Trim();
        Organisationsnummer = details.Organisationsnummer;
        CustomerManagerId = string.IsNullOrWhiteSpace(details.CustomerManagerId) ? null : details.CustomerManagerId;
        UsesPreOrders = details.UsesPreOrders;
        SearchText = Name.ToLower(CultureInfo.GetCultureInfo("sv-SE"));
    }
}

public sealed record OrganisationDetails(string Name, Organisationsnummer Organisationsnummer, string? CustomerManagerId, bool UsesPreOrders)
{
    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new(OrganisationCodes.Name, "Ange organisationens namn"));
        }
        else if (Name.Trim().Length > Organisation.NameMaxLength)
        {
            errors.Add(new(OrganisationCodes.NameLength, $"Namnet får vara högst {Organisation.NameMaxLength} tecken"));
        }

        if (Organisationsnummer.Value is null)
        {
            errors.Add(OrganisationsnummerErrors.Empty);
        }

        return errors;
    }
}

/// <summary>One line of an organisation's price list: a product its people may buy, at the organisation's monthly price.</summary>
public sealed class PriceListEntry
{
    internal PriceListEntry(int productId, Money monthlyPrice)
    {
        ProductId = productId;
        MonthlyPrice = monthlyPrice;
    }

    public int OrganisationId { get; private set; }

    public int ProductId { get; private set; }

    public Money MonthlyPrice { get; private set; }

    internal void ChangePrice(Money monthlyPrice) => MonthlyPrice = monthlyPrice;
}

/// <summary>The codes of an organisation's refusals, declared once: the form places each under its field by them.</summary>
public static class OrganisationCodes
{
    public const string Name = "organisation.name";
    public const string NameLength = Name + ".length";
    public const string Manager = "organisation.manager";

    /// <summary>What every price list refusal's code starts with.</summary>
    public const string PriceList = "pricelist.";
    public const string PriceListPrice = PriceList + "price";
}
