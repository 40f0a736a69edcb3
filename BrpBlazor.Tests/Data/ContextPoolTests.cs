using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Data;

/// <summary>Contexts come from a pool per database (docs/decisions/052): reused, but clean and on the right database.</summary>
public class ContextPoolTests
{
    [Fact]
    public async Task CreateDbContext_AfterAContextWithChangesIsHandedBack_TheNextOneIsCleanAndTheSame()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = database.Factory.CreateDbContext();
        first.Products.Add(TestData.Product("Osparad"));
        first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await first.DisposeAsync();

        await using var second = database.Factory.CreateDbContext();

        Assert.Same(first, second);
        Assert.Empty(second.ChangeTracker.Entries());
        Assert.Equal(QueryTrackingBehavior.TrackAll, second.ChangeTracker.QueryTrackingBehavior);
        Assert.False(await second.Products.AnyAsync());
    }

    [Fact]
    public async Task CreateDbContext_TwoDatabases_EachContextWorksOnItsOwn()
    {
        await using var one = await TestDatabase.CreateAsync();
        await using var two = await TestDatabase.CreateAsync();
        await using (var db = new BrpDbContextFactory(one.Database).CreateDbContext())
        {
            await TestData.AddProductAsync(db, "Bara i den första");
        }

        await using var inOne = new BrpDbContextFactory(one.Database).CreateDbContext();
        await using var inTwo = new BrpDbContextFactory(two.Database).CreateDbContext();

        Assert.Equal(["Bara i den första"], await inOne.Products.Select(p => p.Name).ToListAsync());
        Assert.Empty(await inTwo.Set<Product>().ToListAsync());
    }

    [Fact]
    public async Task CreateDbContext_TwoAtOnce_AreTwoContexts()
    {
        await using var database = await TestDatabase.CreateAsync();

        await using var first = database.Factory.CreateDbContext();
        await using var second = database.Factory.CreateDbContext();

        Assert.NotSame(first, second);
    }
}
