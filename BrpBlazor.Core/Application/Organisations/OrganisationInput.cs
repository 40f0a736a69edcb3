using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;

namespace BrpBlazor.Core.Application.Organisations;

/// <summary>One line of the price list as the editor holds it: a product and the organisation's monthly price.</summary>
public sealed record PriceListLineInput(int ProductId, Money MonthlyPrice);

/// <summary>What staff typed in the organisation form, with the whole price list: one save stores all of it.</summary>
public sealed record OrganisationInput(
    string? Name,
    string? Organisationsnummer,
    string? CustomerManagerId,
    bool UsesPreOrders,
    IReadOnlyList<PriceListLineInput> PriceList)
{
    public static OrganisationInput Empty { get; } = new(null, null, null, false, []);

    public static OrganisationInput From(Organisation organisation) => new(
        organisation.Name,
        organisation.Organisationsnummer.Formatted,
        organisation.CustomerManagerId,
        organisation.UsesPreOrders,
        organisation.PriceList.Select(e => new PriceListLineInput(e.ProductId, e.MonthlyPrice)).ToList());

    /// <summary>Parses the organisationsnummer and validates the details, every message at once.</summary>
    public Result<OrganisationDetails> ToDetails()
    {
        var errors = new List<Error>();
        var number = default(Domain.Organisations.Organisationsnummer);
        if (!Domain.Organisations.Organisationsnummer.TryParse(Organisationsnummer, out number, out var numberError))
        {
            errors.Add(numberError);
        }

        var details = new OrganisationDetails(Name ?? string.Empty, number, CustomerManagerId, UsesPreOrders);

        // A number that did not parse already has its message; "ange organisationsnummer" would say it twice.
        errors.AddRange(details.Validate().Where(e => numberError is null || e != OrganisationsnummerErrors.Empty));
        if (PriceList.GroupBy(l => l.ProductId).Any(g => g.Count() > 1))
        {
            errors.Add(OrganisationErrors.ProductTwice);
        }

        if (PriceList.Any(l => l.MonthlyPrice.Ore < 0))
        {
            errors.Add(OrganisationErrors.NegativePrice);
        }

        return errors.Count > 0 ? Result<OrganisationDetails>.Failure(errors) : details;
    }
}

public static class OrganisationErrors
{
    public static readonly Error Duplicate = new("organisationsnummer.duplicate", "Det finns redan en organisation med det här organisationsnumret");
    public static readonly Error NotFound = new("organisation.notfound", "Organisationen finns inte");
    public static readonly Error ChangedByOther = new("organisation.concurrency", "Någon annan har ändrat organisationen medan du arbetade. Ladda om sidan och gör ändringen igen.");
    public static readonly Error UnknownManager = new(OrganisationCodes.Manager, "Den valda kundansvariga finns inte bland personalen");
    public static readonly Error ProductTwice = new(OrganisationCodes.PriceList + "twice", "En produkt kan bara stå en gång på prislistan");
    public static readonly Error NegativePrice = new(OrganisationCodes.PriceListPrice, "Priset kan inte vara negativt");

    public static Error UnknownProduct(int productId) => new(OrganisationCodes.PriceList + "product", $"Produkten ({productId}) finns inte längre");

    public static Error RetiredProduct(string name) => new(OrganisationCodes.PriceList + "retired", $"{name} har gått ut och kan inte läggas till på en prislista");

    public static Error OpenPreOrders(string name, int count) =>
        new(OrganisationCodes.PriceList + "preorders", $"{name} kan inte tas bort från prislistan: organisationen har {count} öppna förbeställningar på produkten");
}
