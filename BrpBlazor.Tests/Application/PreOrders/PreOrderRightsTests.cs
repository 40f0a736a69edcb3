using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>Every pre-order operation needs the right Organisation on the server; without it nothing is read or written.</summary>
public class PreOrderRightsTests : PreOrderTestBase
{
    public static TheoryData<string> Rightless() => ["Reception", "Supervisor", "Admin", "Nobody"];

    private static StaffActor Actor(string name) => name switch
    {
        "Reception" => Actors.Reception,
        "Supervisor" => Actors.Supervisor,
        "Admin" => Actors.Admin,
        _ => Actors.Nobody,
    };

    [Theory]
    [MemberData(nameof(Rightless))]
    public async Task EveryOperation_WithoutTheOrganisationRight_IsRefusedAndWritesNothing(string who)
    {
        var actor = Actor(who);
        var id = (await Commands.CreateAsync(Staff, new CreatePreOrderRequest(Organisation.Id, Product.Id, Validity.Start, Validity.End, "Åsa Öberg", "850314-2344", null))).Value;
        var preview = await PreviewAsync("Per Berg,791102-1173,\n");
        var filter = new PreOrderListRequest(new PreOrderFilter(Organisation.Id));
        var export = new MemoryStream();

        IEnumerable<Result> results =
        [
            await Queries.ListAsync(actor, filter),
            await Queries.CountAsync(actor, Organisation.Id),
            await Queries.GetAsync(actor, Organisation.Id, id),
            await Queries.ProductsAsync(actor, Organisation.Id),
            await Queries.ImportHistoryAsync(actor, Organisation.Id),
            await Queries.ExportAsync(actor, filter, export),
            await Commands.CreateAsync(actor, new CreatePreOrderRequest(Organisation.Id, Product.Id, Validity.Start, Validity.End, "Sara Ekdahl", "1995-08-21", null)),
            await Commands.WithdrawAsync(actor, Organisation.Id, id, 1, "Nej"),
            await Import.ParseAsync(actor, Utf8("Sara Ekdahl,1995-08-21,\n"), "a.csv", Settings),
            await Import.ConfirmAsync(actor, preview),
        ];

        Assert.All(results, r =>
        {
            Assert.False(r.IsSuccess);
            Assert.Equal("right.missing", r.FirstError!.Code);
            Assert.Contains("Organisation", r.FirstError.Message, StringComparison.CurrentCulture);
        });
        Assert.Equal(0, export.Length);
        Assert.Null(preview.Outcome);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.PreOrders.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        Assert.Equal("Open", (await db.PreOrders.SingleAsync()).Status.ToString());
    }
}
