using BrpBlazor.App.Components.Pages.Organisations;
using BrpBlazor.App.Components.Pages.PreOrders;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BrpBlazor.Tests.Components.PreOrders;

/// <summary>Importera förbeställningar in bUnit: choose a file, read the preview, confirm; and the organisation menu.</summary>
public class PreOrderImportPageTests : BunitTestBase
{
    private Organisation organisation = default!;
    private Product product = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
    }

    private static byte[] TestFile(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "csv", name));

    private IRenderedComponent<PreOrderImportPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var cut = Render<PreOrderImportPage>(p => p.Add(x => x.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-file]")));
        return cut;
    }

    [Fact]
    public void ImportPage_ServerAlreadyReadingAsManyFilesAsItHolds_SaysBusyThenReadsOnceASlotIsFree()
    {
        var limiter = Services.GetRequiredService<ImportParseLimiter>();
        var taken = Enumerable.Range(0, limiter.MaxConcurrent).Select(_ => limiter.TryEnter()!).ToList();
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Servern är upptagen", cut.Find("[data-testid=import-message]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));

        taken.ForEach(slot => slot.Dispose());
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));

        cut.WaitForAssertion(() => Assert.Contains("3", cut.Find("[data-testid=import-count-ok]").TextContent, StringComparison.CurrentCulture));
        Assert.NotNull(limiter.TryEnter());
    }

    [Fact]
    public void ImportPage_StatesTheSizeLimit()
    {
        var cut = RenderPage();

        Assert.Equal("25 MB", cut.Find("[data-testid=import-size-limit]").TextContent);
    }

    [Fact]
    public async Task ImportPage_ChooseFile_PreviewWithProblemsFirst_ThenConfirmStoresAndRecordsHistory()
    {
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("3", cut.Find("[data-testid=import-count-ok]").TextContent, StringComparison.CurrentCulture);
            Assert.Contains("1", cut.Find("[data-testid=import-count-error]").TextContent, StringComparison.CurrentCulture);
        });
        Assert.Equal("4", cut.FindAll("[data-testid=import-line-number]")[0].TextContent);
        Assert.Equal("Kontrollsiffran stämmer inte", cut.FindAll("[data-testid=import-line-reason]")[0].TextContent);
        Assert.Contains("Importera 3 förbeställningar", cut.Find("[data-testid=import-confirm]").TextContent, StringComparison.CurrentCulture);

        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("3 förbeställningar sparades från lista.csv", cut.Find("[data-testid=import-message]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
        Assert.Equal("3", cut.Find("[data-testid=import-history-stored]").TextContent);
        await using var db = Database.NewContext();
        Assert.Equal(3, await db.PreOrders.CountAsync(p => p.OrganisationId == organisation.Id));
    }

    [Fact]
    public void ImportPage_OneGoodLine_SaysImportera1FörbeställningAndTheFileChipIsNotRed()
    {
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Åsa Öberg;850314-2344;asa@foretaget.se\n", "en.csv"));

        cut.WaitForAssertion(() => Assert.Equal("Importera 1 förbeställning", cut.Find("[data-testid=import-confirm]").TextContent.Trim()));
        var chip = cut.Find("[data-testid=import-chosen-file]");
        Assert.Contains("en.csv", chip.TextContent, StringComparison.CurrentCulture);
        Assert.DoesNotContain("error", chip.ClassName, StringComparison.CurrentCulture);
    }

    [Fact]
    public void ImportPage_ProblemLine_IsMaskedInTheListAndWholeInItsDetails()
    {
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));

        cut.WaitForAssertion(() => Assert.Equal("4", cut.FindAll("[data-testid=import-line-number]")[0].TextContent));
        Assert.DoesNotContain("850314-2345", cut.Find("[data-testid=import-lines]").TextContent, StringComparison.CurrentCulture);
        Assert.Contains("850314-••••", cut.Find("[data-testid=import-lines]").TextContent, StringComparison.CurrentCulture);

        cut.FindAll("[data-testid=import-line-number]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal("850314-2345", cut.Find("[data-testid=import-line-details-identity]").TextContent));
        Assert.Contains("Rad 4", cut.Find("[data-testid=import-line-details]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task ImportPage_ValidityEndingBeforeItStarts_SaysSoAndReadsNothing()
    {
        var cut = RenderPage();
        cut.Find("input[data-testid=import-valid-to]").Change("2026-03-01");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Giltig t.o.m. kan inte vara före giltig från", cut.Find("[data-testid=import-message]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
        await using var db = Database.NewContext();
        Assert.False(await db.PreOrders.AnyAsync());
    }

    [Fact]
    public void ImportPage_StatusChip_ShowsOnlyThoseLines()
    {
        var cut = RenderPage();
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFile("journey-one-bad-line.csv"), "lista.csv"));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=import-line-number]").Count));

        cut.Find("[data-testid=import-count-ok]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["2", "3", "5"], cut.FindAll("[data-testid=import-line-number]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task ImportPage_BinaryFile_GetsAClearMessageAndNothingIsStored()
    {
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 0xFF], "faktura.pdf"));

        cut.WaitForAssertion(() => Assert.Contains("inte en textfil", cut.Find("[data-testid=import-message]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.PreOrders.CountAsync());
    }

    [Fact]
    public void ImportPage_SameFileAgainAfterConfirm_ShowsEveryLineAsExisting()
    {
        var cut = RenderPage();
        var bytes = TestFile("preorders-excel-semicolon-1252.csv");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "excel.csv"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-confirm]").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-message]")));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "excel.csv"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("2", cut.Find("[data-testid=import-count-duplicate]").TextContent, StringComparison.CurrentCulture);
            Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        });
        Assert.All(cut.FindAll("[data-testid=import-line-reason]"), e => Assert.Equal("Finns redan som öppen förbeställning", e.TextContent));
    }

    [Fact]
    public void OrganisationMenu_WithTheOrganisationRight_OffersTheCustomersThreePreOrderItems()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<OrganisationMenu>(p => p.Add(x => x.Organisation, organisation));

        cut.Find("button").Click();

        popovers.WaitForAssertion(() =>
        {
            Assert.Contains("Visa förbeställningar", popovers.Find("[data-testid=menu-show-preorders]").TextContent, StringComparison.CurrentCulture);
            Assert.Contains("Skapa förbeställning", popovers.Find("[data-testid=menu-create-preorder]").TextContent, StringComparison.CurrentCulture);
            Assert.Contains("Importera förbeställningar", popovers.Find("[data-testid=menu-import-preorders]").TextContent, StringComparison.CurrentCulture);
        });
    }
}

/// <summary>Without the right Organisation the menu does not offer the pre-order items (the server refuses them anyway).</summary>
public class PreOrderMenuWithoutRightTests : BunitTestBase
{
    protected override Right[] Rights => [Right.Reception, Right.Supervisor];

    [Fact]
    public async Task OrganisationMenu_WithoutTheOrganisationRight_HidesThePreOrderItems()
    {
        Organisation organisation;
        await using (var db = Database.NewContext())
        {
            organisation = await TestData.AddOrganisationAsync(db, "Företaget AB");
        }

        var popovers = Render<MudPopoverProvider>();
        var cut = Render<OrganisationMenu>(p => p.Add(x => x.Organisation, organisation));
        cut.Find("button").Click();

        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=menu-edit-organisation]")));
        Assert.Empty(popovers.FindAll("[data-testid^=menu-][data-testid*=preorder]"));
    }
}
