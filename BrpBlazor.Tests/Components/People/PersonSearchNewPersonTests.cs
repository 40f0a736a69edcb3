using BrpBlazor.App.Components.Pages.People;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Tests.Components.Shared;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.People;

public class PersonSearchNewPersonTests : RegisterFormTestBase
{
    [Fact]
    public void PersonSearch_Header_OffersNyPerson()
    {
        var cut = Render<PersonSearchPage>();

        Assert.Equal("/personer/ny", cut.Find("[data-testid=new-person]").GetAttribute("href"));
    }

    [Fact]
    public void PersonSearch_NoHitsForAName_OffersNyPersonWithTheName()
    {
        Navigation.NavigateTo("/personer?q=M%C3%A4rta%20Nystr%C3%B6m");

        var cut = Render<PersonSearchPage>();

        cut.WaitForAssertion(() => Assert.Equal("/personer/ny?q=M%C3%A4rta%20Nystr%C3%B6m", cut.Find("[data-testid=no-hits-new-person]").GetAttribute("href")));
    }

    [Fact]
    public void PersonSearch_NoHitsForAPersonnummer_OffersNyPersonWithItEncrypted()
    {
        var protector = Services.GetRequiredService<SearchQueryProtector>();
        var pnr = TestData.NextPersonnummer();
        Navigation.NavigateTo(protector.ToUrl("/personer", pnr.Formatted));

        var cut = Render<PersonSearchPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-hits-new-person]"));
        var href = cut.Find("[data-testid=no-hits-new-person]").GetAttribute("href")!;
        Assert.StartsWith("/personer/ny?s=", href, StringComparison.CurrentCulture);
        Assert.DoesNotContain(pnr.TenDigits[6..], href, StringComparison.CurrentCulture);
        Assert.Equal(pnr.Formatted, protector.FromUrl(null, Uri.UnescapeDataString(href["/personer/ny?s=".Length..])));
    }
}
