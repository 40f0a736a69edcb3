using BrpBlazor.App.Components.Pages.Organisations;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using DateRange = BrpBlazor.Core.Domain.Common.DateRange;

namespace BrpBlazor.Tests.Components.PreOrders;

/// <summary>The organisation page lists the organisation's earlier imports, in Swedish time, to staff with the right Organisation.</summary>
public class OrganisationImportHistoryTests : BunitTestBase
{
    private Organisation organisation = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        Product product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
        var validity = new DateRange(TestClock.DefaultToday, TestClock.DefaultToday.AddMonths(3));
        // 22:30 UTC on 30 June is 00:30 on 1 July in Stockholm (summer time, UTC+2).
        var batch = ImportBatch.Create(
            organisation.Id, product.Id, validity, "anstallda.csv", "supervisor", "Sara Supervisor",
            new DateTime(2026, 6, 30, 22, 30, 0, DateTimeKind.Utc), totalLines: 5, okLines: 4, errorLines: 1, duplicateLines: 0);
        batch.SetStored(4);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync();
    }

    [Fact]
    public void OrganisationPage_ShowsTheImportHistory_InStockholmTime()
    {
        var cut = Render<OrganisationPage>(p => p.Add(x => x.OrganisationId, organisation.Id));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=import-history-row]")));
        var row = cut.Find("[data-testid=import-history-row]").TextContent;
        Assert.Contains("anstallda.csv", row, StringComparison.CurrentCulture);
        Assert.Contains("2026-07-01 00:30", row, StringComparison.CurrentCulture);
        Assert.Contains("Sara Supervisor", row, StringComparison.CurrentCulture);
        Assert.Equal("4", cut.Find("[data-testid=import-history-stored]").TextContent.Trim());
    }
}

/// <summary>Reception without the right Organisation sees the organisation but not its pre-order imports.</summary>
public class OrganisationImportHistoryWithoutRightTests : BunitTestBase
{
    protected override Right[] Rights => [Right.Reception];

    [Fact]
    public async Task OrganisationPage_WithoutTheRightOrganisation_HidesTheImportHistory()
    {
        int organisationId;
        await using (var db = Database.NewContext())
        {
            var product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
            organisationId = (await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299))).Id;
        }

        var cut = Render<OrganisationPage>(p => p.Add(x => x.OrganisationId, organisationId));

        cut.WaitForAssertion(() => Assert.Contains("Företaget AB", cut.Markup, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-history]"));
    }
}
