using BrpBlazor.App.Components.Pages.Organisations;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.Components.Shared;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Components.Organisations;

public class OrganisationEditPageTests : RegisterFormTestBase
{
    [Theory]
    [InlineData("556036-0794", "Kontrollsiffran stämmer inte")]
    [InlineData("551036-0793", "Tredje siffran ska vara minst 2 i ett organisationsnummer")]
    [InlineData("556036", "Organisationsnumret ska skrivas NNNNNN-NNNN")]
    public async Task NewOrganisation_BadOrganisationsnummer_MessageNextToTheFieldAndNothingSaved(string number, string message)
    {
        var cut = Render<OrganisationEditPage>();
        cut.Find("[data-testid=organisation-name-input]").Input("Företaget AB");
        cut.Find("[data-testid=organisation-number-input]").Input(number);

        cut.Find("[data-testid=organisation-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains(message, FieldText(cut, "organisation-number-input"), StringComparison.CurrentCulture));
        await using var db = Database.NewContext();
        Assert.Empty(await db.Organisations.ToListAsync());
    }

    [Fact]
    public void NewOrganisation_EmptyForm_AsksForNameAndNumber()
    {
        var cut = Render<OrganisationEditPage>();

        cut.Find("[data-testid=organisation-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Ange organisationens namn", FieldText(cut, "organisation-name-input"), StringComparison.CurrentCulture));
        Assert.Contains("Ange organisationsnummer", FieldText(cut, "organisation-number-input"), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task NewOrganisation_DuplicateOrganisationsnummer_RefusedWithALinkToTheOther()
    {
        Organisation existing;
        await using (var db = Database.NewContext())
        {
            existing = await TestData.AddOrganisationAsync(db, "Första AB");
        }

        var cut = Render<OrganisationEditPage>();
        cut.Find("[data-testid=organisation-name-input]").Input("Andra AB");
        cut.Find("[data-testid=organisation-number-input]").Input(existing.Organisationsnummer.Value);

        cut.Find("[data-testid=organisation-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Det finns redan en organisation med det här organisationsnumret", FieldText(cut, "organisation-number-input"), StringComparison.CurrentCulture));
        Assert.Equal($"/organisationer/{existing.Id}", cut.Find("[data-testid=duplicate-organisation-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task NewOrganisation_WithManagerAndPriceList_SavedAndTheOrganisationPageOpens()
    {
        Product gym;
        await using (var db = Database.NewContext())
        {
            gym = await TestData.AddProductAsync(db, "Gym 12 mån", 399);
            db.Users.Add(new StaffUser { Id = "kim", UserName = "kim", DisplayName = "Kim Kundansvarig" });
            await db.SaveChangesAsync();
        }

        var popovers = RenderProviders();
        var cut = Render<OrganisationEditPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=organisation-name-input]"));
        cut.Find("[data-testid=organisation-name-input]").Input("Företaget AB");
        var number = TestData.NextOrganisationsnummer();
        cut.Find("[data-testid=organisation-number-input]").Input(number.Formatted);
        Choose(cut, popovers, "organisation-manager", "Kim Kundansvarig");
        cut.Find("[data-testid=organisation-uses-preorders]").Change(true);
        Choose(cut, popovers, "price-list-product", "Gym 12 mån");
        cut.WaitForAssertion(() => Assert.Equal("399", cut.Find("[data-testid=price-list-price]").GetAttribute("value")));
        cut.Find("[data-testid=price-list-price]").Input("299");
        cut.Find("[data-testid=price-list-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("förbeställningsbar", cut.Find("[data-testid=price-line]").TextContent, StringComparison.CurrentCulture));

        cut.Find("[data-testid=organisation-form]").Submit();

        cut.WaitForAssertion(() => Assert.Matches(@"/organisationer/\d+$", Navigation.Uri));
        await using var check = Database.NewContext();
        var saved = await check.Organisations.Include(o => o.PriceList).SingleAsync();
        Assert.Equal((number, "kim", true), (saved.Organisationsnummer, saved.CustomerManagerId, saved.UsesPreOrders));
        Assert.Equal(Money.FromKronor(299), saved.PriceFor(gym.Id)?.MonthlyPrice);
    }

    [Fact]
    public async Task EditOrganisation_ChangeOnePriceAndRemoveAnother_SavedTogether()
    {
        Organisation organisation;
        Product gym, towel;
        await using (var db = Database.NewContext())
        {
            gym = await TestData.AddProductAsync(db, "Gym 12 mån", 399);
            towel = Product.Create(new ProductDetails("Handduk", ProductKind.Running, Money.FromKronor(49), 1, 0, 0, true, false, FreezeRule.NotAllowed)).Value;
            db.Products.Add(towel);
            await db.SaveChangesAsync();
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB", (gym, 299), (towel, 39));
        }

        var cut = Render<OrganisationEditPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=price-line]").Count));
        var towelLine = cut.FindAll("[data-testid=price-line]").Single(l => l.TextContent.Contains("Handduk", StringComparison.Ordinal));
        Assert.Contains("tillägg", towelLine.TextContent, StringComparison.CurrentCulture);
        towelLine.QuerySelector("[data-testid=price-line-remove]")!.Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=price-line]")));
        cut.Find("[data-testid=price-line-price]").Change("279");

        cut.Find("[data-testid=organisation-form]").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith($"/organisationer/{organisation.Id}", Navigation.Uri, StringComparison.CurrentCulture));
        await using var check = Database.NewContext();
        var saved = await check.Organisations.Include(o => o.PriceList).SingleAsync();
        var line = Assert.Single(saved.PriceList);
        Assert.Equal((gym.Id, Money.FromKronor(279)), (line.ProductId, line.MonthlyPrice));
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task EditOrganisation_UsesPreOrdersButNothingOnTheListCanBePreOrdered_Warns()
    {
        Organisation organisation;
        await using (var db = Database.NewContext())
        {
            var flex = Product.Create(TestData.MonthlyDetails("Gym Flex") with { AllowedAsPreOrderProduct = false }).Value;
            db.Products.Add(flex);
            await db.SaveChangesAsync();
            organisation = await TestData.AddOrganisationAsync(db, "Bygg AB", (flex, 429));
        }

        var cut = Render<OrganisationEditPage>(p => p.Add(x => x.OrganisationId, organisation.Id));

        cut.WaitForAssertion(() => Assert.Contains("ingen produkt på prislistan kan förbeställas", cut.Find("[data-testid=no-preorder-products]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=chip-preorderable]"));
    }
}

public class OrganisationEditPageForReceptionTests : RegisterFormTestBase
{
    protected override Right[] Rights => [Right.Reception];

    [Fact]
    public async Task NewOrganisation_Reception_RefusedByTheServerAndNothingSaved()
    {
        // The form's data (every staff member's name) is a read that needs the right: the server refuses it, so there is no form to send.
        var cut = Render<OrganisationEditPage>();

        cut.WaitForAssertion(() => Assert.Contains("Du saknar rättigheten Arbetsledare eller Administratör", cut.Find("[data-testid=organisation-refused]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=organisation-form]"));
        await using var db = Database.NewContext();
        Assert.Empty(await db.Organisations.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }
}
