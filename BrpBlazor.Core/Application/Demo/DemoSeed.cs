using System.Globalization;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;

namespace BrpBlazor.Core.Application.Demo;

/// <summary>
/// Sample data that looks like a Swedish gym, generated with a fixed seed on a fixed demo date, so every trainer's
/// class sees the same people, organisations, pre-orders and subscriptions in every state.
/// </summary>
public static class DemoSeed
{
    /// <summary>"Today" in a fresh sandbox: a Monday in May, so the exercises' dates (30 juni …) make sense.</summary>
    public static readonly DateOnly DemoToday = new(2026, 5, 18);

    public const string DemoStaffId = "demo";

    /// <summary>Raise when the sample data changes, so demo mode builds a new template instead of reusing the old one.</summary>
    public const int Version = 1;

    private static readonly string[] FirstNames =
    [
        "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Ingrid", "Märta", "Åsa", "Linnéa", "Elin", "Ebba", "Alva", "Saga", "Tove",
        "Signe", "Rut", "Inger", "Malin", "Ida", "Emma", "Wilma", "Ella", "Agneta", "Ulla", "Birgitta", "Sofia", "Hanna", "Frida",
        "Erik", "Lars", "Johan", "Per", "Björn", "Göran", "Örjan", "Håkan", "Jörgen", "Mårten", "Sven", "Bengt", "Åke", "Gösta", "Hugo",
        "Olle", "Stig", "Mats", "Pär", "Fredrik", "Oskar", "Viktor", "Anders", "Magnus", "Nils", "Karl", "Jonas", "Mikael", "Tomas", "Rasmus",
    ];

    private static readonly string[] LastNames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson",
        "Jonsson", "Sjöberg", "Björk", "Wallin", "Engström", "Lundgren", "Sandberg", "Forsberg", "Håkansson", "Dahlström", "Åberg", "Sjögren",
        "Fröberg", "Löfgren", "Grönlund", "Bäckström", "Öberg", "Nyström", "Åkesson", "Hägg", "Jönsson", "Ekdahl", "Lindström", "Söderberg",
        "Holmberg", "Strömberg", "Lundqvist", "Hedström", "Mattsson",
    ];

    private static readonly string[] CompanyNames =
    [
        "Mälardalens Bygg AB", "Västerås stad", "Nordisk Logistik AB", "Åkessons Måleri AB", "Köping Energi AB", "Region Västmanland",
        "Öhmans Revision KB", "Svenska Kullager i Västerås AB", "Bäckby Bageri AB", "Hälsans Tandvård AB", "Lindgrens Åkeri AB",
        "Skultuna Mässingsbruk AB", "Eskilstuna Elektronik AB", "Mälarenergi Service AB", "Gröna Gången Trädgård AB", "Björklunds Revisionsbyrå AB",
    ];

    public static async Task SeedAsync(BrpDbContext db, CancellationToken cancellationToken = default)
    {
        var random = new Random(20260518);
        var today = DemoToday;
        var now = new DateTime(2026, 5, 18, 7, 0, 0, DateTimeKind.Utc);

        db.Settings.Add(new Setting { Key = DemoSettings.TodayKey, Value = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        var products = Products();
        db.Products.AddRange(products.All);
        await db.SaveChangesAsync(cancellationToken);

        var organisations = CompanyNames.Select((name, i) => Organisation(name, i)).ToList();
        foreach (var (organisation, i) in organisations.Select((o, i) => (o, i)))
        {
            organisation.SetPrice(products.Gym12, Money.FromKronor(299 + (i % 4 * 10)));
            if (i % 3 != 2)
            {
                organisation.SetPrice(products.Gold, Money.FromKronor(449 + (i % 3 * 10)));
            }

            if (i % 4 == 1)
            {
                organisation.SetPrice(products.Flex, Money.FromKronor(429));
            }

            organisation.SetPrice(products.Towel, Money.FromKronor(39));
        }

        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(cancellationToken);
        var bygg = organisations[0];
        var stad = organisations[1];
        var logistik = organisations[2];

        // The people the exercises name.
        var named = new Dictionary<string, Person>();
        Person Named(string first, string last, DateOnly born, int serial, string? email = null)
        {
            var person = Person.Create(new PersonDetails(first, last, Personnummer.FromParts(born, serial), default, email ?? Email(first, last), Phone(random)), now).Value;
            named[$"{first} {last}"] = person;
            return person;
        }

        var asa = Named("Åsa", "Öberg", new DateOnly(1985, 3, 14), 234);
        var per = Named("Per", "Berg", new DateOnly(1979, 11, 2), 117);
        var karin = Named("Karin", "Lundqvist", new DateOnly(1990, 6, 21), 342);
        var erik = Named("Erik", "Holm", new DateOnly(1982, 1, 9), 578);
        var maria = Named("Maria", "Ek", new DateOnly(1993, 9, 30), 286);
        var lena = Named("Lena", "Strand", new DateOnly(1988, 12, 3), 404);
        var jonas = Named("Jonas", "Blom", new DateOnly(1975, 4, 17), 651);
        var centenarian = Person.Create(new PersonDetails(
            "Gustav", "Åberg", Personnummer.Parse("210203+" + SerialWithCheck(new DateOnly(1921, 2, 3), 123), today),
            default, null, "021-12 34 56"), now).Value;
        db.People.AddRange(named.Values);
        db.People.Add(centenarian);

        // Everyone else: Swedish names, valid personnummer, a few samordningsnummer and a few with only a birth date.
        var people = new List<Person>();
        for (var i = 0; i < 320; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 55));
            var serial = 100 + i;
            Personnummer? pnr = i % 40 == 7 ? null : Personnummer.FromParts(born, serial, samordningsnummer: i % 45 == 3);
            people.Add(Person.Create(new PersonDetails(first, last, pnr, born, random.Next(4) == 0 ? null : Email(first, last, i), Phone(random)), now).Value);
        }

        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        var subscriptions = new List<Subscription>();
        Subscription Start(Person person, Product product, DateOnly start, Organisation? organisation = null, int? preOrderId = null)
        {
            var price = organisation?.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice;
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, price, start, organisation?.Id, preOrderId, DemoStaffId, now));
            subscriptions.Add(subscription);
            return subscription;
        }

        OperationContext At(DateOnly day, Product product) => new(day, product, new OverrideRequest(true, "Demodata"));

        // Per Berg: frozen now, until mid-June (exercise: extend to 30 June).
        var perSub = Start(per, products.Gym12, new DateOnly(2025, 9, 1));
        perSub.Bill(new DateOnly(2026, 5, 1), At(new DateOnly(2026, 5, 1), products.Gym12), DemoStaffId, now);
        perSub.Freeze(new FreezeRequest(new DateOnly(2026, 5, 4), new DateOnly(2026, 6, 14), "Operation i knät"), At(new DateOnly(2026, 4, 28), products.Gym12), DemoStaffId, now);

        // Erik Holm: a freeze in July that has not begun (exercise: remove it).
        var erikSub = Start(erik, products.Gold, new DateOnly(2025, 11, 1));
        erikSub.Bill(today, At(today, products.Gold), DemoStaffId, now);
        erikSub.Freeze(new FreezeRequest(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31), "Sommarresa"), At(new DateOnly(2026, 5, 2), products.Gold), DemoStaffId, now);

        // Karin Lundqvist: in binding (exercise: cancel, reason Flytt). Maria Ek: billed, no freeze (exercise: upgrade to Gym Guld).
        Start(karin, products.Gym12, new DateOnly(2025, 12, 1)).Bill(today, At(today, products.Gym12), DemoStaffId, now);
        Start(maria, products.Gym12, new DateOnly(2026, 2, 1)).Bill(today, At(today, products.Gym12), DemoStaffId, now);

        // Jonas Blom: a private subscription with 11 months left blocks switching to his employer's agreement.
        Start(jonas, products.Gym12, new DateOnly(2026, 4, 1)).Bill(today, At(today, products.Gym12), DemoStaffId, now);

        // Subscriptions in every state among the others.
        var mains = new[] { products.Gym12, products.Gold, products.Flex };
        for (var i = 0; i < 200; i++)
        {
            var person = people[i];
            var product = i % 17 == 0 ? products.Card : mains[i % mains.Length];
            var organisation = i % 3 == 0 ? organisations[i % organisations.Count] : null;
            var start = today.AddDays(-random.Next(20, 700));
            var state = i % 8;
            if (state == 7)
            {
                // New and not yet billed.
                Start(person, product, today.AddDays(random.Next(0, 10)), organisation);
                continue;
            }

            var subscription = Start(person, product, start, organisation);
            subscription.Bill(state == 6 ? start.AddMonths(2) : today, At(today, product), DemoStaffId, now);
            if (i % 9 == 0)
            {
                subscription.Bill(today.AddDays(1), At(today, product), DemoStaffId, now);
                Start(person, products.Towel, start, organisation).Bill(today, At(today, products.Towel), DemoStaffId, now);
            }

            switch (state)
            {
                case 1 when product.FreezeRule.AllowsFreezing:
                    subscription.Freeze(new FreezeRequest(today.AddDays(-random.Next(1, 20)), today.AddDays(random.Next(5, 40)), "Skada"), At(today.AddDays(-25), product), DemoStaffId, now);
                    break;
                case 2 when product.FreezeRule.AllowsFreezing:
                    var from = today.AddDays(random.Next(10, 60));
                    subscription.Freeze(new FreezeRequest(from, from.AddDays(random.Next(14, 45)), "Resa"), At(today, product), DemoStaffId, now);
                    break;
                case 3 when !subscription.IsFixedTerm:
                    subscription.Cancel(new CancelRequest(Pick(random, "Flytt", "Ekonomi", "Byter gym", "Skada"), FinalPayment: false), At(today.AddDays(-random.Next(1, 20)), product), DemoStaffId, now);
                    break;
                case 6 when !subscription.IsFixedTerm:
                    // Ended: cancelled long ago.
                    subscription.Cancel(new CancelRequest("Flytt", FinalPayment: false), At(start.AddMonths(12).AddDays(-1 + random.Next(0, 10)) > today ? start.AddDays(15) : start.AddMonths(12), product), DemoStaffId, now);
                    break;
            }
        }

        db.Subscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(cancellationToken);

        // Pre-orders in every status.
        var valid = new DateRange(today.AddDays(-30), today.AddMonths(3));
        var preOrders = new List<PreOrder>
        {
            // Åsa Öberg is on two organisations' lists (exercise: redeem one of them).
            PreOrder.Create(new PreOrderDraft(bygg.Id, products.Gym12.Id, valid, "Åsa Öberg", asa.Personnummer, default, "asa.oberg@malardalensbygg.se"), DemoStaffId, now),
            PreOrder.Create(new PreOrderDraft(stad.Id, products.Gym12.Id, valid, "Öberg, Åsa", asa.Personnummer, default, null), DemoStaffId, now),

            // Jonas Blom's employer has pre-ordered, but his private subscription has too many months left.
            PreOrder.Create(new PreOrderDraft(bygg.Id, products.Gold.Id, valid, "Jonas Blom", jonas.Personnummer, default, "jonas.blom@malardalensbygg.se"), DemoStaffId, now),

            // Nils Nyman is not in the register yet (exercise: register him from the pre-order).
            PreOrder.Create(new PreOrderDraft(logistik.Id, products.Gym12.Id, valid, "Nils Nyman", Personnummer.FromParts(new DateOnly(1988, 9, 9), 471), default, "nils.nyman@nordisklogistik.se"), DemoStaffId, now),

            // A pre-order with only a birth date, matched on birth date and name.
            PreOrder.Create(new PreOrderDraft(stad.Id, products.Gym12.Id, valid, $"{people[12].LastName}, {people[12].FirstName}", null, people[12].BirthDate, null), DemoStaffId, now),
        };

        foreach (var (person, i) in people.Skip(200).Take(90).Select((p, i) => (p, i)))
        {
            var organisation = organisations[i % 6];
            var validity = i % 10 == 9 ? new DateRange(today.AddMonths(-4), today.AddDays(-3)) : valid;
            var preOrder = PreOrder.Create(new PreOrderDraft(
                organisation.Id, i % 5 == 0 ? products.Gold.Id : products.Gym12.Id, validity, person.FullName, person.Personnummer, person.BirthDate, person.Email), DemoStaffId, now);
            if (i % 10 == 4)
            {
                preOrder.Withdraw(Pick(random, "Slutat på företaget", "Fel person", "Dubblett"), DemoStaffId, now);
            }

            preOrders.Add(preOrder);
        }

        db.PreOrders.AddRange(preOrders);
        await db.SaveChangesAsync(cancellationToken);

        // Redeemed pre-orders, each linked to the subscription it became.
        foreach (var preOrder in preOrders.Skip(5).Where((_, i) => i % 10 == 2).ToList())
        {
            var person = people.First(p => p.FullName == preOrder.Name && p.BirthDate == preOrder.BirthDate);
            var organisation = organisations.First(o => o.Id == preOrder.OrganisationId);
            var product = products.All.First(p => p.Id == preOrder.ProductId);
            var subscription = Subscription.Create(new SubscriptionStart(
                person.Id, product, organisation.PriceFor(product.Id)?.MonthlyPrice ?? product.MonthlyPrice, today.AddDays(-10), organisation.Id, preOrder.Id, DemoStaffId, now));
            subscription.Bill(today, At(today, product), DemoStaffId, now);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync(cancellationToken);
            preOrder.Redeem(subscription.Id, today.AddDays(-10) < preOrder.ValidFrom ? preOrder.ValidFrom : today.AddDays(-10), now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static (Product Gym12, Product Gold, Product Flex, Product Card, Product Towel, Product Student, Product[] All) Products()
    {
        Product Make(string name, ProductKind kind, decimal price, int interval, int binding, int notice, bool addOn, bool preOrder, FreezeRule rule) =>
            Product.Create(new ProductDetails(name, kind, Money.FromKronor(price), interval, binding, notice, addOn, preOrder, rule)).Value;

        var gym12 = Make("Gym 12 mån autogiro", ProductKind.Running, 399, 1, 12, 1, false, true, new FreezeRule(14, 90, 2, Money.FromKronor(100)));
        var gold = Make("Gym Guld", ProductKind.Running, 549, 1, 12, 1, false, true, new FreezeRule(14, 120, 2, Money.Zero));
        var flex = Make("Gym Flex månad", ProductKind.Running, 499, 1, 0, 1, false, false, new FreezeRule(7, 60, 1, Money.FromKronor(50)));
        var card = Make("Kontantkort 3 mån", ProductKind.FixedTerm, 449, 3, 3, 0, false, false, FreezeRule.NotAllowed);
        var towel = Make("Handduk", ProductKind.Running, 49, 1, 0, 0, true, false, FreezeRule.NotAllowed);
        var student = Make("Gym Student 12 mån", ProductKind.Running, 299, 1, 12, 1, false, false, new FreezeRule(14, 90, 2, Money.FromKronor(100)));
        return (gym12, gold, flex, card, towel, student, [gym12, gold, flex, card, towel, student]);
    }

    private static Organisation Organisation(string name, int index)
    {
        var nine = $"{(index % 3 == 1 ? "212000" : "556")}{(index % 3 == 1 ? (100 + index).ToString("D3", CultureInfo.InvariantCulture) : (412000 + (index * 137)).ToString("D6", CultureInfo.InvariantCulture))}";
        var number = Organisationsnummer.Parse(nine + Luhn.CheckDigit(nine));
        return Domain.Organisations.Organisation.Create(new OrganisationDetails(name, number, null, index % 5 != 4)).Value;
    }

    /// <summary>The last four digits (birth number and check digit) for a birth date and serial.</summary>
    private static string SerialWithCheck(DateOnly born, int serial) => Personnummer.FromParts(born, serial).Value[8..];

    private static string Email(string first, string last, int? number = null) =>
        $"{Ascii(first)}.{Ascii(last)}{number}@exempel.se";

    private static string Ascii(string name) =>
        name.ToLowerInvariant().Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o').Replace('é', 'e');

    private static string Phone(Random random) => $"07{random.Next(0, 4)}-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}";

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}

/// <summary>Keys of the demo's own settings, kept in the sandbox database itself.</summary>
public static class DemoSettings
{
    /// <summary>The sandbox's "today" (yyyy-MM-dd); the trainer can move it.</summary>
    public const string TodayKey = "Demo:Today";
}
