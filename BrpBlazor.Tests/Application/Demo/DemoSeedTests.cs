using System.Globalization;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Demo;

public class DemoSeedTests
{
    private static readonly DateOnly Today = DemoSeed.DemoToday;

    [Fact]
    public async Task Seed_LooksLikeASwedishGym_WithEveryState()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            await DemoSeed.SeedAsync(db);
        }

        await using var check = database.NewContext();
        var people = await check.People.ToListAsync();
        Assert.True(people.Count >= 300);
        Assert.True(people.Count(p => p.Personnummer is { IsSamordningsnummer: true }) >= 3);
        Assert.Contains(people, p => p.Personnummer is { } pnr && pnr.BirthDate.AddYears(100) <= Today);
        Assert.Contains(people, p => p.FullName.Contains('å', StringComparison.Ordinal) || p.FullName.Contains('ä', StringComparison.Ordinal) || p.FullName.Contains('ö', StringComparison.Ordinal) || p.FullName.Contains('Å', StringComparison.Ordinal) || p.FullName.Contains('Ö', StringComparison.Ordinal));
        Assert.Contains(people, p => p.Personnummer is null);
        Assert.True(await check.Organisations.CountAsync() >= 15);
        Assert.True(await check.Organisations.CountAsync(o => o.UsesPreOrders) >= 5);
        foreach (var name in new[] { "Gym 12 mån autogiro", "Gym Guld", "Gym Flex månad", "Kontantkort 3 mån", "Handduk" })
        {
            Assert.True(await check.Products.AnyAsync(p => p.Name == name), name);
        }

        var preOrders = await check.PreOrders.ToListAsync();
        Assert.Contains(preOrders, p => p.DisplayStatus(Today) == PreOrderDisplayStatus.Open);
        Assert.Contains(preOrders, p => p.DisplayStatus(Today) == PreOrderDisplayStatus.Redeemed && p.RedeemedSubscriptionId != null);
        Assert.Contains(preOrders, p => p.DisplayStatus(Today) == PreOrderDisplayStatus.Withdrawn);
        Assert.Contains(preOrders, p => p.DisplayStatus(Today) == PreOrderDisplayStatus.Expired);
        var asa = people.Single(p => p.FullName == "Åsa Öberg");
        Assert.Equal(2, preOrders.Where(p => p.Personnummer == asa.Personnummer).Select(p => p.OrganisationId).Distinct().Count());

        var subscriptions = await check.Subscriptions.Include(s => s.Freezes).ToListAsync();
        Assert.Contains(subscriptions, s => s.StatusOn(Today) == SubscriptionStatus.Active && s.BoundUntil > Today);
        Assert.Contains(subscriptions, s => s.StatusOn(Today) == SubscriptionStatus.Frozen);
        Assert.Contains(subscriptions, s => s.ActiveFreezes.Any(f => f.Range.Start > Today));
        Assert.Contains(subscriptions, s => s.StatusOn(Today) == SubscriptionStatus.Cancelled && s.EndDate >= Today);
        Assert.Contains(subscriptions, s => s.StatusOn(Today) == SubscriptionStatus.Ended);
        Assert.Contains(subscriptions, s => !s.HasBeenBilled);
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (await check.Settings.SingleAsync(s => s.Key == DemoSettings.TodayKey)).Value);
    }

    [Fact]
    public async Task Seed_IsTheSameEveryTime()
    {
        async Task<string> FingerprintAsync()
        {
            await using var database = await TestDatabase.CreateAsync();
            await using (var db = database.NewContext())
            {
                await DemoSeed.SeedAsync(db);
            }

            await using var check = database.NewContext();
            var people = await check.People.OrderBy(p => p.Id).Select(p => p.FirstName + p.LastName + p.BirthDate).ToListAsync();
            var subscriptions = await check.Subscriptions.OrderBy(s => s.Id).Select(s => s.BilledUntil.ToString(CultureInfo.InvariantCulture) + s.BoundUntil).ToListAsync();
            return string.Join('|', people.Concat(subscriptions));
        }

        Assert.Equal(await FingerprintAsync(), await FingerprintAsync());
    }
}
