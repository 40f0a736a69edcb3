using BrpBlazor.Core.Application.Products;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Products;

public class ProductRegisterTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabase database = default!;

    private ProductRegister Register => new(database.Factory, clock);

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_EveryField_RoundTripsThroughSqlite()
    {
        var details = new ProductDetails(
            "Gym 6 mån kontant", ProductKind.FixedTerm, new Money(149_950), 3, 6, 0, false, true, new FreezeRule(10, 45, 3, Money.FromKronor(75)));

        var result = await Register.CreateAsync(Actors.Supervisor, details);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        var saved = await db.Products.SingleAsync();
        Assert.Equal(details, saved.ToDetails());
        Assert.Equal(new FreezeRule(10, 45, 3, Money.FromKronor(75)), saved.FreezeRule);
        Assert.False(saved.IsRetired);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("product.create", audit.Action);
        Assert.Equal(saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
    }

    [Fact]
    public async Task CreateAsync_Reception_RefusedServerSideAndWritesNothing()
    {
        var result = await Register.CreateAsync(Actors.Reception, TestData.MonthlyDetails());

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await using var db = database.NewContext();
        Assert.Empty(await db.Products.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_Admin_IsAllowed()
    {
        var result = await Register.CreateAsync(Actors.Admin, TestData.MonthlyDetails());

        Assert.True(result.IsSuccess, result.FirstError?.Message);
    }

    [Fact]
    public async Task CreateAsync_InvalidTerms_RefusedWithEveryMessage()
    {
        var details = TestData.MonthlyDetails(binding: 13) with { Name = " ", BillingIntervalMonths = 0, FreezeRule = new FreezeRule(30, 10, 1, Money.Zero) };

        var result = await Register.CreateAsync(Actors.Supervisor, details);

        Assert.Equal(["product.name", "product.interval", "product.binding", "freezerule.range"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task UpdateAsync_FreezeRuleOfAProductWithSubscriptions_Changes()
    {
        var product = await AddProductWithSubscriptionAsync();

        var result = await Register.UpdateAsync(Actors.Supervisor, product.Id, product.Version, product.ToDetails() with { FreezeRule = new FreezeRule(14, 60, 1, Money.Zero) });

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        Assert.Equal(new FreezeRule(14, 60, 1, Money.Zero), (await db.Products.SingleAsync()).FreezeRule);
        Assert.Equal("product.update", (await db.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task UpdateAsync_TermsOfAProductWithSubscriptions_Locked()
    {
        var product = await AddProductWithSubscriptionAsync();

        var result = await Register.UpdateAsync(Actors.Supervisor, product.Id, product.Version, product.ToDetails() with { NoticeMonths = 3 });

        Assert.Equal("product.terms", Assert.Single(result.Errors).Code);
        await using var db = database.NewContext();
        Assert.Equal(1, (await db.Products.SingleAsync()).NoticeMonths);
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_Refused()
    {
        var product = await AddProductAsync();
        await Register.UpdateAsync(Actors.Supervisor, product.Id, product.Version, product.ToDetails() with { Name = "Först" });

        var result = await Register.UpdateAsync(Actors.Supervisor, product.Id, product.Version, product.ToDetails() with { Name = "Sist" });

        Assert.Equal(ProductErrors.ChangedByOther, Assert.Single(result.Errors));
        await using var db = database.NewContext();
        Assert.Equal("Först", (await db.Products.SingleAsync()).Name);
    }

    [Fact]
    public async Task RetireAndReinstate_EachWriteOneAuditEntry_AndTheListHidesRetired()
    {
        var product = await AddProductAsync();

        var retired = await Register.RetireAsync(Actors.Supervisor, product.Id, product.Version);
        var hidden = await Register.ListAsync(null, includeRetired: false);
        var shown = await Register.ListAsync(null, includeRetired: true);
        var reinstated = await Register.ReinstateAsync(Actors.Supervisor, product.Id, product.Version + 1);

        Assert.True(retired.IsSuccess, retired.FirstError?.Message);
        Assert.True(reinstated.IsSuccess, reinstated.FirstError?.Message);
        Assert.Empty(hidden);
        Assert.True(Assert.Single(shown).IsRetired);
        await using var db = database.NewContext();
        Assert.False((await db.Products.SingleAsync()).IsRetired);
        Assert.Equal(["product.retire", "product.reinstate"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task RetireAsync_Reception_RefusedAndWritesNothing()
    {
        var product = await AddProductAsync();

        var result = await Register.RetireAsync(Actors.Reception, product.Id, product.Version);

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await using var db = database.NewContext();
        Assert.False((await db.Products.SingleAsync()).IsRetired);
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_UnusedProduct_DeletedWithOneAuditEntry()
    {
        var product = await AddProductAsync();

        var result = await Register.DeleteAsync(Actors.Supervisor, product.Id, product.Version);

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        Assert.Empty(await db.Products.ToListAsync());
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("product.delete", audit.Action);
        Assert.Null(audit.After);
    }

    [Fact]
    public async Task DeleteAsync_ProductOnAPriceList_RefusedWithASwedishExplanation()
    {
        var product = await AddProductAsync();
        await using (var db = database.NewContext())
        {
            await TestData.AddOrganisationAsync(db, "Bygg AB", (product, 299));
        }

        var result = await Register.DeleteAsync(Actors.Supervisor, product.Id, product.Version);

        var error = Assert.Single(result.Errors);
        Assert.Equal("product.inuse", error.Code);
        Assert.Equal("Produkten används av 1 organisations prislista och kan inte tas bort. Sätt den som utgången i stället, så erbjuds den inte längre.", error.Message);
        await using var check = database.NewContext();
        Assert.Single(await check.Products.ToListAsync());
        Assert.Empty(await check.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_ProductWithASubscriptionAndAPreOrder_Refused()
    {
        var product = await AddProductWithSubscriptionAsync();
        await using (var db = database.NewContext())
        {
            var organisation = await TestData.AddOrganisationAsync(db, "Bygg AB");
            await TestData.AddPreOrderAsync(db, organisation, product, new DateRange(clock.Today, clock.Today.AddMonths(1)), "Åsa Öberg", TestData.NextPersonnummer());
        }

        var result = await Register.DeleteAsync(Actors.Supervisor, product.Id, product.Version);

        Assert.Contains("1 abonnemang och 1 förbeställning", Assert.Single(result.Errors).Message, StringComparison.CurrentCulture);
        var view = await Register.GetAsync(product.Id);
        Assert.Equal(new ProductUsage(1, 1, 0), view?.Usage);
    }

    [Fact]
    public async Task ListAsync_Search_IsCaseInsensitiveForSwedishLetters()
    {
        await using (var db = database.NewContext())
        {
            await TestData.AddProductAsync(db, "Gym 12 MÅN autogiro");
            await TestData.AddProductAsync(db, "Handduk");
        }

        var hits = await Register.ListAsync("12 mån", includeRetired: false);

        Assert.Equal("Gym 12 MÅN autogiro", Assert.Single(hits).Name);
    }

    [Fact]
    public async Task CreateAsync_NameOfAnOfferedProductInOtherCase_RefusedNextToTheName()
    {
        await AddProductAsync();

        var result = await Register.CreateAsync(Actors.Supervisor, TestData.MonthlyDetails(" GYM 12 MÅN AUTOGIRO "));

        var error = Assert.Single(result.Errors);
        Assert.Equal("product.name", error.Code);
        Assert.Contains("Det finns redan en produkt som heter GYM 12 MÅN AUTOGIRO", error.Message, StringComparison.CurrentCulture);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Products.CountAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_NameOfARetiredProduct_IsAllowed_ButReinstatingTheOldOneIsRefused()
    {
        var old = await AddProductAsync();
        await Register.RetireAsync(Actors.Supervisor, old.Id, old.Version);

        var created = await Register.CreateAsync(Actors.Supervisor, TestData.MonthlyDetails());
        var reinstated = await Register.ReinstateAsync(Actors.Supervisor, old.Id, old.Version + 1);

        Assert.True(created.IsSuccess, created.FirstError?.Message);
        Assert.Equal("product.name", Assert.Single(reinstated.Errors).Code);
        await using var db = database.NewContext();
        Assert.True((await db.Products.SingleAsync(p => p.Id == old.Id)).IsRetired);
    }

    [Fact]
    public async Task UpdateAsync_RenamingToAnotherProductsName_Refused_KeepingItsOwnNameIsFine()
    {
        var gym = await AddProductAsync();
        Product flex;
        await using (var db = database.NewContext())
        {
            flex = await TestData.AddProductAsync(db, "Gym Flex månad");
        }

        var clash = await Register.UpdateAsync(Actors.Supervisor, flex.Id, flex.Version, flex.ToDetails() with { Name = "gym 12 mån autogiro" });
        var same = await Register.UpdateAsync(Actors.Supervisor, gym.Id, gym.Version, gym.ToDetails() with { MonthlyPrice = Money.FromKronor(120) });

        Assert.Equal("product.name", Assert.Single(clash.Errors).Code);
        Assert.True(same.IsSuccess, same.FirstError?.Message);
        await using var check = database.NewContext();
        Assert.Equal("Gym Flex månad", (await check.Products.SingleAsync(p => p.Id == flex.Id)).Name);
    }

    private async Task<Product> AddProductAsync()
    {
        await using var db = database.NewContext();
        return await TestData.AddProductAsync(db);
    }

    private async Task<Product> AddProductWithSubscriptionAsync()
    {
        await using var db = database.NewContext();
        var product = await TestData.AddProductAsync(db);
        var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        db.Subscriptions.Add(TestData.WorkedExample(product, person.Id));
        await db.SaveChangesAsync();
        return product;
    }
}
