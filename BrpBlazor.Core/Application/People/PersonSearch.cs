using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.People;

public sealed record PersonSearchHit(int Id, string FullName, string? MaskedPersonnummer, DateOnly BirthDate, int CustomerNumber, string? Email, string? BlockedReason = null);

/// <summary>An open, valid pre-order for a personnummer nobody in the register has (the walk-in employee).</summary>
public sealed record PreOrderHint(int PreOrderId, int OrganisationId, string OrganisationName, string ProductName, string Name);

public sealed record PersonSearchResult(string Query, IReadOnlyList<PersonSearchHit> Hits, bool Truncated, string? Hint, IReadOnlyList<PreOrderHint> PreOrders)
{
    public static PersonSearchResult Empty(string query) => new(query, [], false, null, []);
}

/// <summary>
/// One box finds a person by name (case-insensitive, å ä ö included), personnummer in any accepted form,
/// birth date, customer number or e-mail.
/// </summary>
public sealed class PersonSearch(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const int MaxHits = 50;

    /// <summary>Reception only: the hits are people's names, masked personnummer and e-mail.</summary>
    public async Task<Result<PersonSearchResult>> SearchAsync(StaffActor actor, string? query, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Reception) is { } refused)
        {
            return refused;
        }

        var q = PersonName.Normalise(query ?? string.Empty);
        if (q.Length == 0)
        {
            return PersonSearchResult.Empty(q);
        }

        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<Person> people = db.People.AsNoTracking();
        string? hint = null;
        Personnummer? searchedPersonnummer = null;

        // "840517 4023": staff often type a space where the dash goes.
        var asPersonnummer = SpaceAsDash(q);
        if (Personnummer.TryParse(asPersonnummer, today, out var pnr, out var pnrError))
        {
            searchedPersonnummer = pnr;
            people = people.Where(p => p.Personnummer == pnr);
        }
        else if (LooksLikePersonnummer(asPersonnummer))
        {
            hint = $"Personnumret går inte att använda: {pnrError.Message}";
            return new PersonSearchResult(q, [], false, hint, []);
        }
        else if (BirthDates.LooksLikeBirthDate(q) && BirthDates.TryParse(q, today, out var birthDate, out _))
        {
            people = people.Where(p => p.BirthDate == birthDate);
        }
        else if (BirthDates.TryParseShort(q, today, out var shortBirthDate))
        {
            // Six digits are a birth date (YYMMDD) or a customer number: find both.
            var id = Person.IdOfCustomerNumber(int.Parse(q, System.Globalization.CultureInfo.InvariantCulture));
            people = people.Where(p => p.BirthDate == shortBirthDate || p.Id == id);
        }
        else if (q.All(char.IsAsciiDigit) && int.TryParse(q, out var customerNumber) && Person.IdOfCustomerNumber(customerNumber) > 0)
        {
            var id = Person.IdOfCustomerNumber(customerNumber);
            people = people.Where(p => p.Id == id);
        }
        else
        {
            foreach (var word in q.ToLower(System.Globalization.CultureInfo.GetCultureInfo("sv-SE")).Split(' '))
            {
                people = people.Where(p => p.SearchText.Contains(word));
            }
        }

        var rows = await people
            .OrderBy(p => EF.Functions.Collate(p.LastName, SwedishCollation.Name)).ThenBy(p => EF.Functions.Collate(p.FirstName, SwedishCollation.Name)).ThenBy(p => p.Id)
            .Take(MaxHits + 1)
            .ToListAsync(cancellationToken);
        var hits = rows.Take(MaxHits)
            .Select(p => new PersonSearchHit(p.Id, p.FullName, p.Personnummer?.Masked, p.BirthDate, p.CustomerNumber, p.Email, p.BlockedReason))
            .ToList();

        IReadOnlyList<PreOrderHint> preOrders = [];
        if (hits.Count == 0 && searchedPersonnummer is { } wanted)
        {
            preOrders = await OpenPreOrdersForAsync(db, wanted, today, cancellationToken);
        }

        return new PersonSearchResult(q, hits, rows.Count > MaxHits, hint, preOrders);
    }

    /// <summary>"840517 4023" or "19840517 4023" as "840517-4023"; anything else as it is.</summary>
    private static string SpaceAsDash(string query) =>
        query.Length is 11 or 13 && query[^5] == ' ' && query.Count(char.IsAsciiDigit) == query.Length - 1
            ? string.Concat(query.AsSpan(0, query.Length - 5), "-", query.AsSpan(query.Length - 4))
            : query;

    /// <summary>True for 10 or 12 digits with or without a separator: a personnummer someone meant to type.</summary>
    public static bool LooksLikePersonnummer(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Count();
        var others = text.Count(c => !char.IsAsciiDigit(c));
        return (digits is 10 or 12) && others <= 1 && (others == 0 || text.Contains('-', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<PreOrderHint>> OpenPreOrdersForAsync(BrpDbContext db, Personnummer pnr, DateOnly today, CancellationToken ct) =>
        await (from po in db.PreOrders.AsNoTracking()
               where po.Personnummer == pnr && po.Status == PreOrderStatus.Open && po.ValidFrom <= today && po.ValidTo >= today
               join o in db.Organisations on po.OrganisationId equals o.Id
               join pr in db.Products on po.ProductId equals pr.Id
               orderby o.Name
               select new PreOrderHint(po.Id, o.Id, o.Name, pr.Name, po.Name))
            .ToListAsync(ct);
}
