using System.Text;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.PreOrders;

/// <summary>
/// One organisation with a pre-order product on its price list, on a fresh in-memory SQLite database, and the three
/// pre-order services. Today is <see cref="TestClock.DefaultToday"/> (2026-03-16).
/// </summary>
public abstract class PreOrderTestBase : IAsyncLifetime
{
    protected static readonly DateOnly Today = TestClock.DefaultToday;

    protected static readonly DateRange Validity = new(Today, Today.AddMonths(3));

    protected TestDatabase Database { get; private set; } = default!;

    protected TestClock Clock { get; } = new(TestClock.DefaultToday);

    protected Organisation Organisation { get; private set; } = default!;

    protected Product Product { get; private set; } = default!;

    protected PreOrderQueries Queries => new(Database.Factory, Clock);

    protected PreOrderCommands Commands => new(Database.Factory, Clock);

    protected PreOrderImport Import => new(Database.Factory, Clock, TestSpool.Folder);

    protected static StaffActor Staff => Actors.Organisation;

    protected ImportSettings Settings => new(Organisation.Id, Product.Id, Validity);

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await using var db = Database.NewContext();
        Product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        Organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (Product, 299));
    }

    public virtual async Task DisposeAsync() => await Database.DisposeAsync();

    protected static string TestFile(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", "csv", .. parts]);

    protected static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    protected async Task<ImportPreview> PreviewAsync(string text, ImportSettings? settings = null)
    {
        var result = await Import.ParseAsync(Staff, Utf8(text), "test.csv", settings ?? Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        return result.Value;
    }

    protected async Task<ImportPreview> PreviewFileAsync(string path, ImportSettings? settings = null)
    {
        await using var file = File.OpenRead(path);
        var result = await Import.ParseAsync(Staff, file, Path.GetFileName(path), settings ?? Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
        return result.Value;
    }

    protected async Task<int> CountPreOrdersAsync()
    {
        await using var db = Database.NewContext();
        return db.PreOrders.Count(p => p.OrganisationId == Organisation.Id);
    }
}
