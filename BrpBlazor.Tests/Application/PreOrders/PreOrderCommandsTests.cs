using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>Skapa förbeställning and Återkalla.</summary>
public class PreOrderCommandsTests : PreOrderTestBase
{
    private CreatePreOrderRequest Request(string name = "Åsa Öberg", string identity = "850314-2344", string? email = "asa@foretaget.se") =>
        new(Organisation.Id, Product.Id, Validity.Start, Validity.End, name, identity, email);

    [Fact]
    public async Task CreateAsync_ValidRequest_StoresAnOpenManualPreOrderWithAudit()
    {
        var result = await Commands.CreateAsync(Staff, Request());

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = Database.NewContext();
        var stored = await db.PreOrders.SingleAsync();
        Assert.Equal(result.Value, stored.Id);
        Assert.Equal(("Åsa Öberg", "198503142344", PreOrderStatus.Open, PreOrderSource.Manual), (stored.Name, stored.Personnummer!.Value.Value, stored.Status, stored.Source));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("preorder.create", audit.Action);
        Assert.Equal(Organisation.Id, audit.OrganisationId);
        Assert.DoesNotContain("2344", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task CreateAsync_BirthDateOnly_IsStoredWithoutPersonnummer()
    {
        var result = await Commands.CreateAsync(Staff, Request("Sara Ekdahl", "1995-08-21", null));

        await using var db = Database.NewContext();
        var stored = await db.PreOrders.SingleAsync(p => p.Id == result.Value);
        Assert.Null(stored.Personnummer);
        Assert.Equal(new DateOnly(1995, 8, 21), stored.BirthDate);
    }

    [Theory]
    [InlineData("", "850314-2344", "asa@foretaget.se", "Namn saknas")]
    [InlineData("Åsa Öberg", "850314-2345", "asa@foretaget.se", "Kontrollsiffran stämmer inte")]
    [InlineData("Åsa Öberg", "", "asa@foretaget.se", "Personnummer eller födelsedatum saknas")]
    [InlineData("Åsa Öberg", "2030-01-01", "asa@foretaget.se", "Födelsedatum i framtiden")]
    [InlineData("Åsa Öberg", "850314-2344", "asa(at)foretaget.se", "E-postadressen ser inte ut som en e-postadress")]
    public async Task CreateAsync_InvalidInput_IsRefusedWithTheReason(string name, string identity, string email, string reason)
    {
        var result = await Commands.CreateAsync(Staff, Request(name, identity, email));

        Assert.Contains(result.Errors, e => e.Message == reason);
        Assert.Equal(0, await CountPreOrdersAsync());
    }

    [Fact]
    public async Task CreateAsync_ValidityEndingBeforeItStarts_OrAlreadyOver_IsRefused()
    {
        var backwards = await Commands.CreateAsync(Staff, Request() with { ValidFrom = Today.AddDays(10), ValidTo = Today });
        var over = await Commands.CreateAsync(Staff, Request() with { ValidFrom = Today.AddDays(-30), ValidTo = Today.AddDays(-1) });

        Assert.Equal("preorder.validity.order", backwards.FirstError!.Code);
        Assert.Equal("preorder.validity.passed", over.FirstError!.Code);
    }

    [Fact]
    public async Task CreateAsync_ProductNotOnThePriceList_OrNotForPreOrder_IsRefused()
    {
        int offList, notPreOrderable, addOn;
        await using (var db = Database.NewContext())
        {
            offList = (await TestData.AddProductAsync(db, "Annan produkt")).Id;
            var flex = Product.Create(TestData.MonthlyDetails("Gym Flex") with { AllowedAsPreOrderProduct = false }).Value;
            var towel = Product.Create(TestData.MonthlyDetails("Handduk") with { IsAddOn = true }).Value;
            db.Products.AddRange(flex, towel);
            await db.SaveChangesAsync();
            var organisation = await db.Organisations.Include(o => o.PriceList).SingleAsync(o => o.Id == Organisation.Id);
            organisation.SetPrice(flex, Money.FromKronor(100));
            organisation.SetPrice(towel, Money.FromKronor(10));
            await db.SaveChangesAsync();
            (notPreOrderable, addOn) = (flex.Id, towel.Id);
        }

        foreach (var productId in new[] { offList, notPreOrderable, addOn })
        {
            var result = await Commands.CreateAsync(Staff, Request() with { ProductId = productId });
            Assert.Equal("preorder.product", result.FirstError!.Code);
        }

        var products = await Queries.ProductsAsync(Staff, Organisation.Id);
        Assert.Equal([Product.Id], products.Value.Select(p => p.Id));
    }

    [Fact]
    public async Task CreateAsync_OrganisationThatDoesNotUsePreOrders_IsRefused()
    {
        await using (var db = Database.NewContext())
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == Organisation.Id);
            organisation.Update(organisation.ToDetails() with { UsesPreOrders = false });
            await db.SaveChangesAsync();
        }

        var result = await Commands.CreateAsync(Staff, Request());

        Assert.Equal("preorder.organisation.nopreorders", result.FirstError!.Code);
    }

    [Theory]
    [InlineData("198503142344")]
    [InlineData("8503142344")]
    [InlineData("19850314-2344")]
    public async Task CreateAsync_SamePersonInAnyForm_OpenAndOverlapping_IsADuplicate(string otherForm)
    {
        await Commands.CreateAsync(Staff, Request(identity: "850314-2344"));

        var result = await Commands.CreateAsync(Staff, Request("Åsa Öberg-Lind", otherForm) with { ValidFrom = Validity.End, ValidTo = Validity.End.AddMonths(1) });

        Assert.Equal("preorder.duplicate", result.FirstError!.Code);
        Assert.Contains("redan en öppen förbeställning", result.FirstError.Message, StringComparison.CurrentCulture);
        Assert.Equal(1, await CountPreOrdersAsync());
    }

    [Fact]
    public async Task CreateAsync_BirthDateAndName_MatchAPersonnummerPreOrder_IsADuplicate()
    {
        await Commands.CreateAsync(Staff, Request(identity: "850314-2344"));

        var result = await Commands.CreateAsync(Staff, Request("öberg åsa", "19850314"));

        Assert.Equal("preorder.duplicate", result.FirstError!.Code);
    }

    [Fact]
    public async Task CreateAsync_SamePersonButWithdrawnOrLaterValidityOrOtherProduct_IsAllowed()
    {
        var first = await Commands.CreateAsync(Staff, Request());
        await using (var db = Database.NewContext())
        {
            var other = await TestData.AddProductAsync(db, "Gym Guld");
            var organisation = await db.Organisations.Include(o => o.PriceList).SingleAsync(o => o.Id == Organisation.Id);
            organisation.SetPrice(other, Money.FromKronor(400));
            await db.SaveChangesAsync();
            Assert.True((await Commands.CreateAsync(Staff, Request() with { ProductId = other.Id })).IsSuccess);
        }

        Assert.True((await Commands.CreateAsync(Staff, Request() with { ValidFrom = Validity.End.AddDays(1), ValidTo = Validity.End.AddMonths(2) })).IsSuccess);
        Assert.True((await Commands.WithdrawAsync(Staff, Organisation.Id, first.Value, 1, "Slutat")).IsSuccess);
        Assert.True((await Commands.CreateAsync(Staff, Request())).IsSuccess);
    }

    [Fact]
    public async Task WithdrawAsync_OpenPreOrder_WithReason_IsWithdrawnAndAudited()
    {
        var id = (await Commands.CreateAsync(Staff, Request())).Value;

        var result = await Commands.WithdrawAsync(Staff, Organisation.Id, id, 1, "  Har slutat på företaget ");

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        var details = (await Queries.GetAsync(Staff, Organisation.Id, id)).Value;
        Assert.Equal(PreOrderDisplayStatus.Withdrawn, details.Status);
        Assert.Equal("Har slutat på företaget", details.WithdrawnReason);
        await using var db = Database.NewContext();
        var audit = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("preorder.withdraw", "Har slutat på företaget"), (audit.Action, audit.Reason));
    }

    [Fact]
    public async Task WithdrawAsync_WithoutReason_IsRefused()
    {
        var id = (await Commands.CreateAsync(Staff, Request())).Value;

        var result = await Commands.WithdrawAsync(Staff, Organisation.Id, id, 1, "  ");

        Assert.Equal("preorder.reason", result.FirstError!.Code);
    }

    [Fact]
    public async Task WithdrawAsync_StaleVersion_IsRefusedAndNothingChanges()
    {
        var id = (await Commands.CreateAsync(Staff, Request())).Value;
        Assert.True((await Commands.WithdrawAsync(Staff, Organisation.Id, id, 1, "Första")).IsSuccess);

        var second = await Commands.WithdrawAsync(Staff, Organisation.Id, id, 1, "Andra");

        Assert.Equal("preorder.concurrency", second.FirstError!.Code);
        Assert.Equal("Första", (await Queries.GetAsync(Staff, Organisation.Id, id)).Value.WithdrawnReason);
    }

    [Fact]
    public async Task WithdrawAsync_TwoConnectionsAtOnce_OneWins()
    {
        await using var file = await TestDatabaseFile.CreateAsync();
        int organisationId, preOrderId;
        await using (var db = file.Factory.CreateDbContext())
        {
            var product = await TestData.AddProductAsync(db);
            var organisation = await TestData.AddOrganisationAsync(db, "Parallell AB", (product, 100));
            var preOrder = await TestData.AddPreOrderAsync(db, organisation, product, Validity, "Åsa Öberg", Personnummer.Parse("850314-2344", Today));
            (organisationId, preOrderId) = (organisation.Id, preOrder.Id);
        }

        var commands = new PreOrderCommands(file.Factory, Clock);
        var results = await Task.WhenAll(
            commands.WithdrawAsync(Staff, organisationId, preOrderId, 1, "A"),
            commands.WithdrawAsync(Staff, organisationId, preOrderId, 1, "B"));

        Assert.Single(results, r => r.IsSuccess);
        await using var check = file.Factory.CreateDbContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "preorder.withdraw"));
    }

    [Fact]
    public async Task WithdrawAsync_PreOrderOfAnotherOrganisation_IsNotFound()
    {
        var id = (await Commands.CreateAsync(Staff, Request())).Value;

        var result = await Commands.WithdrawAsync(Staff, Organisation.Id + 1, id, 1, "Fel organisation");

        Assert.Equal("preorder.notfound", result.FirstError!.Code);
    }
}
