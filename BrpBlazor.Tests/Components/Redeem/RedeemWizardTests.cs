using BrpBlazor.App.Components.Wizard;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.Redeem;

public class RedeemWizardTests : BunitTestBase
{
    [Fact]
    public async Task SteppingForwardAndBack_KeepsTheInputs()
    {
        var (_, cut) = await OpenAtContactStepAsync();
        cut.Find("[data-testid=contact-email]").Input("ny.adress@exempel.se");
        cut.Find("[data-testid=wizard-back]").Click();
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=identity-checked]").HasAttribute("checked")));
        cut.Find("[data-testid=wizard-back]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=suggestion]").GetAttribute("data-selected")));
        cut.Find("[data-testid=wizard-next]").Click();
        cut.Find("[data-testid=wizard-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("ny.adress@exempel.se", cut.Find("[data-testid=contact-email]").GetAttribute("value")));
        Assert.Equal(2, cut.Instance.State.Step);
        Assert.Contains("Åsa Öberg", cut.Find("[data-testid=wizard-person]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Avbryt_AtAnyStep_SavesNothing()
    {
        var (personId, cut) = await OpenAtContactStepAsync();
        cut.Find("[data-testid=contact-email]").Input("andrad@exempel.se");
        Assert.NotEmpty(WizardStore.Keys);

        cut.Find("[data-testid=wizard-cancel]").Click();

        Assert.Empty(WizardStore.Keys);
        await using var db = Database.NewContext();
        Assert.False(await db.Subscriptions.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
        Assert.Null((await db.People.SingleAsync(p => p.Id == personId)).Email);
    }

    [Fact]
    public async Task Avbryt_ThenTheWizardIsTornDown_StaysCleared()
    {
        var (_, cut) = await OpenAtContactStepAsync();

        cut.Find("[data-testid=wizard-cancel]").Click();
        // Avbryt navigates away: the page and its steps are disposed, which must not store the wizard again.
        await DisposeComponentsAsync();

        Assert.Empty(WizardStore.Keys);
    }

    [Fact]
    public async Task LeavingMidWizard_KeepsTheStepItWasOn()
    {
        var (_, cut) = await OpenAtContactStepAsync();
        var key = Assert.Single(WizardStore.Keys);

        // The receptionist taps Personer in the app bar: the wizard is disposed with the page.
        await DisposeComponentsAsync();

        Assert.Equal(2, (await WizardStore.LoadAsync(key))!.Step);
    }

    [Fact]
    public async Task NewCustomer_WithAnExistingPersonnummer_StopsWithALink()
    {
        var personId = await ArrangeAsync();
        await using var db = Database.NewContext();
        var pnr = (await db.People.SingleAsync(p => p.Id == personId)).Personnummer!.Value;
        var cut = Render<RedeemWizard>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-firstname]").Input("Åsa"));
        cut.Find("[data-testid=new-lastname]").Input("Öberg");
        cut.Find("[data-testid=new-personnummer]").Input(pnr.Formatted);

        cut.Find("[data-testid=wizard-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal($"/personer/{personId}", cut.Find("[data-testid=existing-person-link]").GetAttribute("href")));
        Assert.Equal(0, cut.Instance.State.Step);
    }

    /// <summary>Opens the wizard for a person with a pre-order and steps past the suggestion and Legitimering to Personuppgifter.</summary>
    [Fact]
    public async Task ProductAndConfirm_LockedProductReadsAsChosen_AndStartdatumAppearsOnce()
    {
        var (_, cut) = await OpenAtContactStepAsync();
        cut.Find("[data-testid=wizard-next]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=product-choice]")));
        var choice = cut.Find("[data-testid=product-choice]");
        Assert.DoesNotContain("mud-disabled", choice.OuterHtml, StringComparison.CurrentCulture);
        Assert.Null(cut.Find("[data-testid=product-choice] input, input[data-testid=product-choice]").GetAttribute("disabled"));

        cut.Find("[data-testid=wizard-next]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=confirm-summary]")));
        Assert.DoesNotContain("Startdatum", cut.Find("[data-testid=confirm-summary]").TextContent, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task Slutför_AnotherTabletWonTheRace_RefusesAboveTheButtons_DisablesSlutför_AndLinksToTheWinner()
    {
        var (personId, cut) = await OpenAtContactStepAsync();
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=product-choice]")));
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=wizard-finish]").HasAttribute("disabled")));
        var state = cut.Instance.State;
        var other = await Services.GetRequiredService<RedeemService>().FinishAsync(
            Actors.Reception, personId,
            new RedeemRequest(state.OrganisationId!.Value, state.PreOrderId, state.ProductId!.Value, Clock.Today, true, null, null, PreOrderVersion: state.PreOrderVersion),
            new RedeemSettings(3, false));
        Assert.True(other.IsSuccess, other.FirstError?.Message);

        cut.Find("[data-testid=wizard-finish]").Click();

        cut.WaitForAssertion(() => Assert.Contains("annan enhet", cut.Find("[data-testid=wizard-error]").TextContent, StringComparison.CurrentCulture));
        Assert.True(cut.Find("[data-testid=wizard-finish]").HasAttribute("disabled"));
        Assert.Equal(AppRoutesPerson(other.Value.PersonId), cut.Find("[data-testid=wizard-winner-link]").GetAttribute("href"));
        // The alert sits above the button row, not squeezed in beside the buttons.
        Assert.Equal("wizard-action-area", cut.Find("[data-testid=wizard-error]").ParentElement!.ClassName);
        Assert.NotNull(cut.Find(".wizard-action-area > .wizard-actions [data-testid=wizard-finish]"));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Subscriptions.CountAsync());
    }

    private static string AppRoutesPerson(int id) => BrpBlazor.App.AppRoutes.Person(id);

    private async Task<(int PersonId, IRenderedComponent<RedeemWizard> Cut)> OpenAtContactStepAsync()
    {
        var personId = await ArrangeAsync();
        var cut = Render<RedeemWizard>(p => p.Add(x => x.PersonId, personId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=suggestion]")));
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=identity-checked]").Change(true));
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.State.Step));
        cut.WaitForElement("[data-testid=contact-email]");
        return (personId, cut);
    }

    private async Task<int> ArrangeAsync()
    {
        await using var db = Database.NewContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        await TestData.AddPreOrderAsync(db, company, gym, new DateRange(Clock.Today.AddDays(-1), Clock.Today.AddMonths(1)), person.FullName, person.Personnummer);
        return person.Id;
    }
}
