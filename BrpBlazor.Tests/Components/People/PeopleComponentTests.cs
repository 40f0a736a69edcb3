using BrpBlazor.App.Components.Pages.People;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.People;

public class PeopleComponentTests : BunitTestBase
{
    [Fact]
    public async Task PersonSearch_RendersResultsForAQuery()
    {
        await using (var db = Database.NewContext())
        {
            await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
            await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo("/personer?q=%C3%B6berg");
        var cut = Render<PersonSearchPage>();

        cut.WaitForAssertion(() =>
        {
            var hits = cut.FindAll("[data-testid=person-hit]");
            Assert.Single(hits);
            Assert.Contains("Åsa Öberg", hits[0].TextContent, StringComparison.CurrentCulture);
            Assert.Contains("-••••", hits[0].TextContent, StringComparison.CurrentCulture);
        });
    }

    [Fact]
    public async Task PersonSearch_ByPersonnummer_InAnyForm()
    {
        var pnr = TestData.NextPersonnummer(new DateOnly(1984, 5, 17));
        await using (var db = Database.NewContext())
        {
            await TestData.AddPersonAsync(db, "Märta", "Nyström", pnr);
        }

        var protector = Services.GetRequiredService<BrpBlazor.App.Infrastructure.SearchQueryProtector>();
        var url = protector.ToUrl("/personer", pnr.TenDigits[..6] + "-" + pnr.TenDigits[6..]);
        Assert.DoesNotContain(pnr.TenDigits[6..], url, StringComparison.CurrentCulture);
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var cut = Render<PersonSearchPage>();

        cut.WaitForAssertion(() => Assert.Contains("Märta Nyström", cut.Find("[data-testid=person-hit]").TextContent, StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task PersonPage_ShowsDetailsAndItsMenu()
    {
        int id;
        var pnr = TestData.NextPersonnummer();
        await using (var db = Database.NewContext())
        {
            id = (await TestData.AddPersonAsync(db, "Per", "Berg", pnr)).Id;
        }

        var popovers = RenderProviders();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, id));

        cut.WaitForAssertion(() => Assert.Equal("Per Berg", cut.Find("[data-testid=person-name]").TextContent));
        Assert.Contains(pnr.Formatted, cut.Find("[data-testid=person-personnummer]").TextContent, StringComparison.CurrentCulture);
        Assert.NotNull(cut.Find("[data-testid=person-menu]"));
        cut.Find("[data-testid=person-menu] button").Click();
        popovers.WaitForAssertion(() => Assert.Contains("Utnyttja avtal/förbeställning", popovers.Markup, StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task SpärraKund_FromThePersonMenu_ShowsTheReasonOnTheCardAndInSearchResults()
    {
        int id;
        await using (var db = Database.NewContext())
        {
            id = (await TestData.AddPersonAsync(db, "Per", "Spärrsson", TestData.NextPersonnummer())).Id;
        }

        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, id));
        cut.WaitForAssertion(() => Assert.Equal("Per Spärrsson", cut.Find("[data-testid=person-name]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=person-blocked]"));

        cut.Find("[data-testid=person-menu] button").Click();
        popovers.WaitForAssertion(() => popovers.Find("[data-testid=menu-block]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=block-reason]").Input("Hotade personalen"));
        dialogs.Find("[data-testid=block-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Spärrad kund: Hotade personalen", cut.Find("[data-testid=person-blocked]").TextContent, StringComparison.CurrentCulture));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/personer?q=sp%C3%A4rrsson");
        var search = Render<PersonSearchPage>();
        search.WaitForAssertion(() => Assert.Contains("Spärrad: Hotade personalen", search.Find("[data-testid=hit-blocked]").TextContent, StringComparison.CurrentCulture));
    }
}
