using BrpBlazor.App.Components.Pages.Products;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.Components.Shared;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BrpBlazor.Tests.Components.Products;

public class ProductPagesTests : RegisterFormTestBase
{
    [Fact]
    public void NewProduct_InvalidValues_MessagesNextToTheirFields()
    {
        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-binding]").Change("13");
        cut.Find("[data-testid=product-interval]").Change("0");

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Ange produktens namn", FieldText(cut, "product-name"), StringComparison.CurrentCulture));
        Assert.Contains("Bindningstiden ska vara 0–12 månader", FieldText(cut, "product-binding"), StringComparison.CurrentCulture);
        Assert.Contains("Debiteringsintervallet ska vara 1–12 månader", FieldText(cut, "product-interval"), StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task NewProduct_NameOfAnOfferedProduct_MessageNextToTheNameAndNothingSaved()
    {
        await using (var db = Database.NewContext())
        {
            await TestData.AddProductAsync(db, "Gym Guld");
        }

        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-name]").Input("gym guld");

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Det finns redan en produkt som heter gym guld", FieldText(cut, "product-name"), StringComparison.CurrentCulture));
        await using var check = Database.NewContext();
        Assert.Equal(1, await check.Products.CountAsync());
    }

    [Fact]
    public void NewProduct_FixedTermWithoutTerm_AsksForTheTermOnTheBindingField()
    {
        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-name]").Input("Sommarkort");
        cut.Find("[data-testid=product-kind-fixed]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Löptid (månader)", FieldText(cut, "product-binding"), StringComparison.CurrentCulture));

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Ett tidsbegränsat abonnemang behöver en löptid", FieldText(cut, "product-binding"), StringComparison.CurrentCulture));
    }

    [Fact]
    public void NewProduct_FreezeRuleMinAboveMax_MessageNextToTheRule()
    {
        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-name]").Input("Gym");
        cut.Find("[data-testid=product-freeze-allowed]").Change(true);
        cut.Find("[data-testid=product-freeze-min]").Change("60");
        cut.Find("[data-testid=product-freeze-max]").Change("30");

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Minsta antal dagar kan inte vara större än högsta", FieldText(cut, "product-freeze-min"), StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task NewProduct_EveryField_SavedAndTheProductPageOpens()
    {
        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-name]").Input("Gym 6 mån kontant");
        cut.Find("[data-testid=product-kind-fixed]").Click();
        cut.Find("[data-testid=product-price]").Change("349,50");
        cut.Find("[data-testid=product-interval]").Change("3");
        cut.Find("[data-testid=product-binding]").Change("6");
        cut.Find("[data-testid=product-notice]").Change("0");
        cut.Find("[data-testid=product-preorder]").Change(true);
        cut.Find("[data-testid=product-freeze-allowed]").Change(true);
        cut.Find("[data-testid=product-freeze-min]").Change("10");
        cut.Find("[data-testid=product-freeze-max]").Change("45");
        cut.Find("[data-testid=product-freeze-per-year]").Change("3");
        cut.Find("[data-testid=product-freeze-fee]").Change("75");

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Matches(@"/produkter/\d+$", Navigation.Uri));
        await using var db = Database.NewContext();
        var saved = await db.Products.SingleAsync();
        Assert.Equal(
            new ProductDetails("Gym 6 mån kontant", ProductKind.FixedTerm, new Money(34950), 3, 6, 0, false, true, new FreezeRule(10, 45, 3, Money.FromKronor(75))),
            saved.ToDetails());
    }

    [Fact]
    public async Task Product_InUse_DeleteDisabledWithTheReasonAndTermsLocked()
    {
        Product product;
        await using (var db = Database.NewContext())
        {
            product = await TestData.AddProductAsync(db, "Gym 12 mån");
            var person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
            db.Subscriptions.Add(TestData.WorkedExample(product, person.Id));
            await db.SaveChangesAsync();
        }

        var cut = Render<ProductEditPage>(p => p.Add(x => x.ProductId, product.Id));

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=product-delete]").HasAttribute("disabled")));
        Assert.Contains("Kan inte tas bort: används av 1 abonnemang", cut.Find("[data-testid=product-delete-reason]").TextContent, StringComparison.CurrentCulture);
        Assert.True(cut.Find("[data-testid=product-notice]").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("[data-testid=product-terms-locked]"));
    }

    [Fact]
    public async Task Product_Unused_DeletedAfterConfirmation()
    {
        Product product;
        await using (var db = Database.NewContext())
        {
            product = await TestData.AddProductAsync(db, "Felregistrerad");
        }

        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ProductEditPage>(p => p.Add(x => x.ProductId, product.Id));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=product-delete]").HasAttribute("disabled")));

        cut.Find("[data-testid=product-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Vill du ta bort Felregistrerad?", dialogs.Markup, StringComparison.CurrentCulture));
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Ta bort", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/produkter", Navigation.Uri, StringComparison.CurrentCulture));
        await using var check = Database.NewContext();
        Assert.Empty(await check.Products.ToListAsync());
    }

    [Fact]
    public async Task Product_RetireThenReinstate_ShowsTheStatus()
    {
        Product product;
        await using (var db = Database.NewContext())
        {
            product = await TestData.AddProductAsync(db, "Gym Guld");
        }

        var cut = Render<ProductEditPage>(p => p.Add(x => x.ProductId, product.Id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=product-retire]"));

        cut.Find("[data-testid=product-retire]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=product-retired]"));
        cut.Find("[data-testid=product-reinstate]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=product-retired]")));
        await using var check = Database.NewContext();
        Assert.Equal(["product.retire", "product.reinstate"], await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task ProductList_SearchAndShowRetired_FilterTheList()
    {
        await using (var db = Database.NewContext())
        {
            await TestData.AddProductAsync(db, "Gym 12 mån");
            var old = await TestData.AddProductAsync(db, "Gym Flex gammal");
            old.Retire();
            await db.SaveChangesAsync();
            await TestData.AddProductAsync(db, "Handduk");
        }

        var cut = Render<ProductListPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=product-hit]").Count));

        cut.Find("[data-testid=product-search-input]").Input("gym");
        cut.WaitForAssertion(() => Assert.Equal("Gym 12 mån", Assert.Single(cut.FindAll("[data-testid=product-hit]")).QuerySelector("b")!.TextContent));
        cut.Find("[data-testid=product-show-retired]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=product-hit]").Count));
        Assert.Contains("utgången", cut.FindAll("[data-testid=product-hit]")[1].TextContent, StringComparison.CurrentCulture);
    }
}

public class ProductPagesForReceptionTests : RegisterFormTestBase
{
    protected override Right[] Rights => [Right.Reception];

    [Fact]
    public async Task NewProduct_Reception_RefusedByTheServerAndNothingSaved()
    {
        var cut = Render<ProductEditPage>();
        cut.Find("[data-testid=product-name]").Input("Gym");

        cut.Find("[data-testid=product-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Du saknar rättigheten Arbetsledare eller Administratör", cut.Find("[data-testid=product-form-error]").TextContent, StringComparison.CurrentCulture));
        await using var db = Database.NewContext();
        Assert.Empty(await db.Products.ToListAsync());
    }
}
