using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BrpBlazor.Tests.Security;

/// <summary>Oversized and malformed uploads through a real circuit: a clear Swedish refusal, nothing stored, no spool left.</summary>
[Collection(BrowserCollection.Name)]
public class UploadAttackTests(BrowserFixture browser, ITestOutputHelper output)
{
    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "oversized", "Filen är för stor. Största tillåtna storlek är 25 MB." },
        { "binary", "Filen är inte en textfil" },
        { "empty", "Filen är tom." },
        { "script-name", "Filen är inte en textfil" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task HostileUpload_IsRefusedInSwedish_AndStoresNothing(string kind, string expected)
    {
        var user = $"upload-{kind}";
        await browser.App.CreateStaffAsync(user, "Ulla Uppladdning", Right.Organisation);
        int organisationId;
        await using (var db = browser.App.NewContext())
        {
            var product = await TestData.AddProductAsync(db, $"Gym upload {kind}");
            organisationId = (await TestData.AddOrganisationAsync(db, $"Upload {kind} AB", (product, 299))).Id;
        }

        var file = kind switch
        {
            "oversized" => new FilePayload { Name = "stor.csv", MimeType = "text/csv", Buffer = new byte[(25 * 1024 * 1024) + 1] },
            "binary" => new FilePayload { Name = "bild.csv", MimeType = "text/csv", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0, 0, 0, 0] },
            "empty" => new FilePayload { Name = "tom.csv", MimeType = "text/csv", Buffer = [] },
            _ => new FilePayload { Name = "../../<script>alert(1)</script>.csv", MimeType = "text/csv", Buffer = [0, 1, 2, 3, 0, 0, 0, 0] },
        };

        var page = await browser.NewTabletPageAsync();
        await page.SignInAsync(browser.BaseAddress, user, $"/organisationer/{organisationId}/forbestallningar/importera");
        await page.GetByTestId("import-file").Locator("input[type=file]").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByTestId("import-message")).ToContainTextAsync(expected);
        output.WriteLine($"{kind} ({file.Buffer.Length} bytes, name {file.Name}) → {await page.GetByTestId("import-message").TextContentAsync()}");
        await Assertions.Expect(page.GetByTestId("import-preview")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("script:not([src]):not([type=importmap])").CountAsync());
        await using (var db = browser.App.NewContext())
        {
            Assert.Equal(0, await db.PreOrders.CountAsync(p => p.OrganisationId == organisationId));
        }

        Assert.Empty(Directory.Exists(browser.App.SpoolFolder) ? Directory.GetFiles(browser.App.SpoolFolder) : []);
        await page.Context.CloseAsync();
    }
}
