using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Organisations;

public class OrganisationRegisterTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabase database = default!;

    private OrganisationRegister Register => new(database.Factory, clock);

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_WithPriceListAndManager_RoundTripsThroughSqlite()
    {
        var (gym, towel) = await AddProductsAsync();
        var managerId = await AddStaffAsync("Kim Kundansvarig");
        var number = TestData.NextOrganisationsnummer();

        var result = await Register.CreateAsync(Actors.Supervisor, new OrganisationInput(
            " Företaget AB ", number.Value, managerId, true,
            [new(gym.Id, Money.FromKronor(299)), new(towel.Id, Money.FromKronor(39.50m))]));

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        var saved = await db.Organisations.Include(o => o.PriceList).SingleAsync();
        Assert.Equal("Företaget AB", saved.Name);
        Assert.Equal(number, saved.Organisationsnummer);
        Assert.Equal(managerId, saved.CustomerManagerId);
        Assert.True(saved.UsesPreOrders);
        Assert.Equal(Money.FromKronor(299), saved.PriceFor(gym.Id)?.MonthlyPrice);
        Assert.Equal(new Money(3950), saved.PriceFor(towel.Id)?.MonthlyPrice);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("organisation.create", audit.Action);
        Assert.Equal(saved.Id, audit.OrganisationId);
        Assert.Contains("Gym 12 mån", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task CreateAsync_Reception_RefusedServerSideAndWritesNothing()
    {
        var result = await Register.CreateAsync(Actors.Reception, Input());

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateAsync_Admin_IsAllowed()
    {
        var result = await Register.CreateAsync(Actors.Admin, Input());

        Assert.True(result.IsSuccess, result.FirstError?.Message);
    }

    [Theory]
    [InlineData("556036-0794", "organisationsnummer.checkdigit", "Kontrollsiffran stämmer inte")]
    [InlineData("551036-0793", "organisationsnummer.thirddigit", "Tredje siffran ska vara minst 2 i ett organisationsnummer")]
    [InlineData("55603", "organisationsnummer.format", "Organisationsnumret ska skrivas NNNNNN-NNNN")]
    [InlineData("", "organisationsnummer.empty", "Ange organisationsnummer")]
    public async Task CreateAsync_BadOrganisationsnummer_RefusedWithSwedishMessage(string number, string code, string message)
    {
        var result = await Register.CreateAsync(Actors.Supervisor, Input() with { Organisationsnummer = number });

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateAsync_DuplicateOrganisationsnummer_RefusedWithTheExistingOrganisation()
    {
        Organisation existing;
        await using (var db = database.NewContext())
        {
            existing = await TestData.AddOrganisationAsync(db, "Första AB");
        }

        var result = await Register.CreateAsync(Actors.Supervisor, Input() with { Organisationsnummer = existing.Organisationsnummer.Formatted });

        Assert.Equal(OrganisationErrors.Duplicate, Assert.Single(result.Errors));
        Assert.Equal(new ExistingOrganisation(existing.Id, "Första AB"), result.Duplicate);
    }

    [Fact]
    public async Task CreateAsync_RetiredProduct_CannotBeAdded()
    {
        var (gym, _) = await AddProductsAsync(retireGym: true);

        var result = await Register.CreateAsync(Actors.Supervisor, Input() with { PriceList = [new(gym.Id, Money.FromKronor(10))] });

        Assert.Equal("pricelist.retired", Assert.Single(result.Errors).Code);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateAsync_ManagerWhoIsNotStaff_Refused()
    {
        var result = await Register.CreateAsync(Actors.Supervisor, Input() with { CustomerManagerId = "no-such-user" });

        Assert.Equal(OrganisationErrors.UnknownManager, Assert.Single(result.Errors));
    }

    [Fact]
    public async Task UpdateAsync_AddChangeAndRemovePrices_SavedWithOneAuditEntry()
    {
        var (gym, towel) = await AddProductsAsync();
        var flex = await AddProductAsync("Gym Flex");
        Organisation organisation;
        await using (var db = database.NewContext())
        {
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB", (gym, 299), (towel, 39));
        }

        var result = await Register.UpdateAsync(Actors.Supervisor, organisation.Id, organisation.Version, OrganisationInput.From(organisation) with
        {
            Name = "Bygg & Måleri AB",
            PriceList = [new(gym.Id, Money.FromKronor(279)), new(flex.Id, Money.FromKronor(399))],
        });

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var check = database.NewContext();
        var saved = await check.Organisations.Include(o => o.PriceList).SingleAsync();
        Assert.Equal("Bygg & Måleri AB", saved.Name);
        Assert.Equal(
            [(gym.Id, Money.FromKronor(279)), (flex.Id, Money.FromKronor(399))],
            saved.PriceList.OrderBy(e => e.ProductId).Select(e => (e.ProductId, e.MonthlyPrice)));
        Assert.Equal(organisation.Version + 1, saved.Version);
        var audit = await check.AuditEntries.SingleAsync();
        Assert.Equal("organisation.update", audit.Action);
        Assert.Contains("Handduk", audit.Before, StringComparison.CurrentCulture);
        Assert.DoesNotContain("Handduk", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task UpdateAsync_StaleFormAfterAPriceListOnlyChange_Refused()
    {
        var (gym, _) = await AddProductsAsync();
        Organisation organisation;
        await using (var db = database.NewContext())
        {
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB", (gym, 299));
        }

        var first = await Register.UpdateAsync(Actors.Supervisor, organisation.Id, organisation.Version, OrganisationInput.From(organisation) with { PriceList = [new(gym.Id, Money.FromKronor(250))] });
        var second = await Register.UpdateAsync(Actors.Supervisor, organisation.Id, organisation.Version, OrganisationInput.From(organisation) with { PriceList = [] });

        Assert.True(first.IsSuccess, first.FirstError?.Message);
        Assert.Equal(OrganisationErrors.ChangedByOther, Assert.Single(second.Errors));
        await using var check = database.NewContext();
        Assert.Equal(Money.FromKronor(250), (await check.Organisations.Include(o => o.PriceList).SingleAsync()).PriceFor(gym.Id)?.MonthlyPrice);
    }

    [Fact]
    public async Task UpdateAsync_RemovingAProductWithOpenPreOrders_Refused()
    {
        var (gym, _) = await AddProductsAsync();
        Organisation organisation;
        await using (var db = database.NewContext())
        {
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB", (gym, 299));
            await TestData.AddPreOrderAsync(db, organisation, gym, new DateRange(clock.Today, clock.Today.AddMonths(1)), "Åsa Öberg", TestData.NextPersonnummer());
        }

        var result = await Register.UpdateAsync(Actors.Supervisor, organisation.Id, organisation.Version, OrganisationInput.From(organisation) with { PriceList = [] });

        var error = Assert.Single(result.Errors);
        Assert.Equal("pricelist.preorders", error.Code);
        Assert.Contains("1 öppna förbeställningar", error.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task UpdateAsync_Reception_RefusedAndWritesNothing()
    {
        Organisation organisation;
        await using (var db = database.NewContext())
        {
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB");
        }

        var result = await Register.UpdateAsync(Actors.Reception, organisation.Id, organisation.Version, OrganisationInput.From(organisation) with { Name = "Annat" });

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await using var check = database.NewContext();
        Assert.Equal("Bygg AB", (await check.Organisations.SingleAsync()).Name);
        Assert.Empty(await check.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task GetEditorAsync_OffersStaffAndProductsWithTheirPreOrderFlag()
    {
        var (gym, towel) = await AddProductsAsync();
        await AddStaffAsync("Kim Kundansvarig");

        var editor = (await Register.GetEditorAsync(Actors.Supervisor, null)).Value;

        Assert.NotNull(editor);
        Assert.Equal("Kim Kundansvarig", Assert.Single(editor.Staff).DisplayName);
        Assert.True(editor.Products.Single(p => p.Id == gym.Id).CanBePreOrdered);
        Assert.False(editor.Products.Single(p => p.Id == towel.Id).CanBePreOrdered);
        Assert.Equal(OrganisationErrors.NotFound.Code, (await Register.GetEditorAsync(Actors.Supervisor, 4711)).FirstError?.Code);
    }

    private static OrganisationInput Input() => new("Företaget AB", TestData.NextOrganisationsnummer().Formatted, null, false, []);

    private async Task<(Product Gym, Product Towel)> AddProductsAsync(bool retireGym = false)
    {
        await using var db = database.NewContext();
        var gym = TestData.Product("Gym 12 mån");
        if (retireGym)
        {
            gym.Retire();
        }

        var towel = Product.Create(new ProductDetails("Handduk", ProductKind.Running, Money.FromKronor(49), 1, 0, 0, true, false, FreezeRule.NotAllowed)).Value;
        db.Products.AddRange(gym, towel);
        await db.SaveChangesAsync();
        return (gym, towel);
    }

    private async Task<Product> AddProductAsync(string name)
    {
        await using var db = database.NewContext();
        return await TestData.AddProductAsync(db, name);
    }

    private async Task<string> AddStaffAsync(string displayName)
    {
        await using var db = database.NewContext();
        var user = new StaffUser { UserName = displayName.Replace(' ', '.'), DisplayName = displayName };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task AssertNothingWrittenAsync()
    {
        await using var db = database.NewContext();
        Assert.Empty(await db.Organisations.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }
}
