using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Benchmarks.Data;

/// <summary>
/// Members with the history a real subscription collects: started three to five years ago, billed on the first of every
/// month, frozen in April and October most years (two weeks to six weeks), everything paid but the latest charges.
/// </summary>
public static class Memberships
{
    private static readonly DateTime Seeded = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A person with one such subscription; returns the person's and the subscription's ids.</summary>
    public static async Task<(int PersonId, int SubscriptionId)> AddAsync(BrpDbContext db, Product product, GeneratedPerson who, Random random, DateOnly today)
    {
        var person = Person.Create(new PersonDetails(who.FirstName, who.LastName, who.Personnummer, who.BirthDate, who.Email, null), Seeded).Value;
        db.People.Add(person);
        await db.SaveChangesAsync();

        var start = new DateOnly(2021 + random.Next(3), 1 + random.Next(12), 1);
        var subscription = History(product, person.Id, start, random, today);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();

        // Paid at the till, all but the two latest charges.
        foreach (var charge in subscription.Charges.OrderBy(c => c.Id).SkipLast(2))
        {
            subscription.MarkChargePaid(charge.Id, "bench-seed", Seeded);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return (person.Id, subscription.Id);
    }

    private static Subscription History(Product product, int personId, DateOnly start, Random random, DateOnly today)
    {
        var subscription = Subscription.Create(new SubscriptionStart(personId, product, product.MonthlyPrice, start, null, null, "bench-seed", Seeded));
        for (var month = start; month <= today; month = month.AddMonths(1))
        {
            subscription.Bill(month, new OperationContext(month, product), "bench-seed", Seeded);
            if (month.Month is 4 or 10 && random.Next(4) > 0)
            {
                var from = month.AddDays(1 + random.Next(20));
                var request = new FreezeRequest(from, from.AddDays(13 + random.Next(30)), random.Next(2) == 0 ? "Resa" : null);
                if (from < today)
                {
                    subscription.Freeze(request, new OperationContext(from, product), "bench-seed", Seeded);
                }
            }
        }

        return subscription;
    }

    public static async Task<int> CountHistoryAsync(BrpDbContext db, int subscriptionId) =>
        await db.Subscriptions.Where(s => s.Id == subscriptionId).Select(s => s.BilledPeriods.Count + s.Freezes.Count + s.Charges.Count).FirstAsync();
}
