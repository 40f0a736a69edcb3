using BrpBlazor.App.Components.Pages.PreOrders;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using static BrpBlazor.Tests.TestSupport.TestWorkbook;

namespace BrpBlazor.Tests.Components.PreOrders;

/// <summary>The import page with workbooks (issue 18): ambiguous headings are chosen before the preview; an uncertain encoding is offered.</summary>
public class PreOrderImportWorkbookPageTests : BunitTestBase
{
    private Organisation organisation = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        var product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
    }

    private IRenderedComponent<PreOrderImportPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var cut = Render<PreOrderImportPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-file]")));
        return cut;
    }

    [Fact]
    public void ImportPage_AmbiguousHeadings_ColumnsChosenFirstThenThePreview()
    {
        var workbook = new TestWorkbook().Sheet(
            "Blad1",
            Row("Namn", "E-post arbete", "E-post privat", "Personnummer"),
            Row("Åsa Öberg", "asa@foretaget.se", "asa@hemma.se", "19850314-2344"),
            Row("Per Berg", "per@foretaget.se", null, "19791102-1173"));
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(workbook.ToBytes(), "lista.xlsx"));

        cut.WaitForAssertion(() => Assert.Contains("Flera kolumner kan vara E-postadress", cut.Find("[data-testid=import-column-choice]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
        Assert.Equal(4, cut.FindAll("[data-testid=import-column-field]").Count);

        cut.Find("[data-testid=import-column-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2", cut.Find("[data-testid=import-count-ok]").TextContent, StringComparison.CurrentCulture));
        Assert.Contains("E-post privat", cut.Find("[data-testid=import-ignored-columns]").TextContent, StringComparison.CurrentCulture);
        Assert.Contains("asa@foretaget.se", cut.Find("[data-testid=import-lines]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public void ImportPage_MacRomanWithLineFeeds_OffersTheEncodingChoice()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding(10000).GetBytes("Björn Åström;850314-2344;bjorn@foretaget.se\n");
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "mac.csv"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-encoding]")));
        Assert.Contains("Björn Åström", cut.Find("[data-testid=import-lines]").TextContent, StringComparison.CurrentCulture);
        Assert.Contains("Mac Roman", cut.Find("[data-testid=import-file-kind]").TextContent, StringComparison.CurrentCulture);
    }
}
