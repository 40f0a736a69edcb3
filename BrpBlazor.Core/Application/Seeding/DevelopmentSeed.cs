using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Seeding;

/// <summary>
/// A small development seed so a first run is not empty: a few products, organisations, people with valid
/// personnummer and subscriptions. Runs only on an empty database. (Demo mode has its own, larger data.)
/// </summary>
public static class DevelopmentSeed
{
    public static async Task SeedIfEmptyAsync(BrpDbContext db, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (await db.Products.AnyAsync(cancellationToken) || await db.People.AnyAsync(cancellationToken))
        {
            return;
        }

        var gym12 = Product.Create(new ProductDetails(
            "Gym 12 mån autogiro", ProductKind.Running, Money.FromKronor(399), 1, 12, 1, false, true,
            new FreezeRule(14, 90, 2, Money.FromKronor(100)))).Value;
        var gold = Product.Create(new ProductDetails(
            "Gym Guld", ProductKind.Running, Money.FromKronor(549), 1, 12, 1, false, true,
            new FreezeRule(14, 90, 2, Money.Zero))).Value;
        var flex = Product.Create(new ProductDetails(
            "Gym Flex månad", ProductKind.Running, Money.FromKronor(499), 1, 0, 1, false, false,
            new FreezeRule(7, 60, 1, Money.FromKronor(50)))).Value;
        var towel = Product.Create(new ProductDetails(
            "Handduk", ProductKind.Running, Money.FromKronor(49), 1, 0, 0, true, false, FreezeRule.NotAllowed)).Value;
        db.Products.AddRange(gym12, gold, flex, towel);
        await db.SaveChangesAsync(cancellationToken);

        var volvo = Organisation.Create(new OrganisationDetails("Företaget AB", Organisationsnummer.Parse("556036-0793"), null, true)).Value;
        volvo.SetPrice(gym12, Money.FromKronor(299));
        volvo.SetPrice(gold, Money.FromKronor(449));
        var kommun = Organisation.Create(new OrganisationDetails("Västerås stad", Organisationsnummer.Parse("212000-2080"), null, true)).Value;
        kommun.SetPrice(gym12, Money.FromKronor(319));
        var bygg = Organisation.Create(new OrganisationDetails("Åkesson Bygg & Måleri AB", Organisationsnummer.Parse("556677-8899"), null, false)).Value;
        bygg.SetPrice(flex, Money.FromKronor(429));
        db.Organisations.AddRange(volvo, kommun, bygg);

        var names = new (string First, string Last, DateOnly Born, int Serial)[]
        {
            ("Åsa", "Öberg", new(1985, 3, 14), 234),
            ("Per", "Berg", new(1979, 11, 2), 117),
            ("Märta", "Nyström", new(1984, 5, 17), 402),
            ("Olle", "Åkesson", new(1972, 10, 3), 519),
            ("Lisa", "Hägg", new(2003, 4, 30), 128),
            ("Karl", "Jönsson", new(1966, 1, 19), 730),
            ("Sara", "Ekdahl", new(1995, 8, 21), 246),
            ("Björn", "Lindström", new(1990, 7, 7), 355),
            ("Ingrid", "Söderberg", new(1958, 12, 24), 862),
        };
        var people = names.Select(n => Person.Create(
            new PersonDetails(n.First, n.Last, Personnummer.FromParts(n.Born, n.Serial), default,
                $"{Ascii(n.First)}.{Ascii(n.Last)}@exempel.se", "070-123 45 67"), nowUtc).Value).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-4);
        var perSub = Subscription.Create(new SubscriptionStart(people[1].Id, gym12, gym12.MonthlyPrice, start, null, null, "seed", nowUtc));
        perSub.Bill(today, new OperationContext(today, gym12), "seed", nowUtc);
        var lisaSub = Subscription.Create(new SubscriptionStart(people[4].Id, gold, Money.FromKronor(449), start.AddMonths(1), volvo.Id, null, "seed", nowUtc));
        lisaSub.Bill(today, new OperationContext(today, gold), "seed", nowUtc);
        var karlSub = Subscription.Create(new SubscriptionStart(people[5].Id, flex, flex.MonthlyPrice, start, null, null, "seed", nowUtc));
        karlSub.Bill(today, new OperationContext(today, flex), "seed", nowUtc);
        db.Subscriptions.AddRange(perSub, lisaSub, karlSub);

        var validity = new DateRange(today.AddDays(-30), today.AddMonths(3));
        db.PreOrders.AddRange(
            PreOrder.Create(new PreOrderDraft(volvo.Id, gym12.Id, validity, "Åsa Öberg", people[0].Personnummer, default, "asa.oberg@foretaget.se"), "seed", nowUtc),
            PreOrder.Create(new PreOrderDraft(kommun.Id, gym12.Id, validity, "Åsa Öberg", people[0].Personnummer, default, null), "seed", nowUtc),
            PreOrder.Create(new PreOrderDraft(volvo.Id, gold.Id, validity, "Sara Ekdahl", null, new DateOnly(1995, 8, 21), "sara.ekdahl@foretaget.se"), "seed", nowUtc),
            PreOrder.Create(new PreOrderDraft(volvo.Id, gym12.Id, validity, "Nils Nyman", Personnummer.FromParts(new DateOnly(1988, 9, 9), 471), default, "nils.nyman@foretaget.se"), "seed", nowUtc));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Ascii(string name) =>
        name.ToLowerInvariant().Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o');
}
