using BrpBlazor.App.Components.Wizard;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.Redeem;

/// <summary>Issue 20.1: step 1 (Sök organisation) stops a blocked person, and one with old unpaid charges. The signed-in staff is a supervisor.</summary>
public sealed class RedeemWizardStandingTests : StandingWizardTestBase
{
    [Fact]
    public async Task BlockedPerson_StepOne_ShowsTheReasonAndCannotGoOn()
    {
        var personId = await ArrangeAsync(unpaidSince: null);
        var blocked = await Services.GetRequiredService<PersonRegister>().BlockAsync(Actors.Supervisor, personId, "Hotfullt beteende");
        Assert.True(blocked.IsSuccess, blocked.FirstError?.Message);

        var cut = Render<RedeemWizard>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Contains("Personen är spärrad: Hotfullt beteende", cut.Find("[data-testid=person-blocked-stop]").TextContent, StringComparison.CurrentCulture));
        Assert.Equal("true", cut.Find("[data-testid=suggestion]").GetAttribute("data-selected"));
        Assert.True(cut.Find("[data-testid=wizard-next]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=unpaid-override-reason]"));
        Assert.Empty(cut.FindAll("[data-testid=override-reason]"));
    }

    [Fact]
    public async Task UnpaidChargesAndAPrivateMembership_ASupervisorGetsOneOverrideFieldForBoth()
    {
        var personId = await ArrangeAsync(unpaidSince: Clock.Today.AddDays(-40));
        await using (var db = Database.NewContext())
        {
            // A private 12-month binding started last month: about 11 months left.
            var product = await TestData.AddProductAsync(db, "Gym Privat", 399);
            db.Subscriptions.Add(Subscription.Create(new SubscriptionStart(personId, product, product.MonthlyPrice, Clock.Today.AddMonths(-1), null, null, "seed", Clock.UtcNow)));
            await db.SaveChangesAsync();
        }

        var cut = Render<RedeemWizard>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Contains("gäller även detta", cut.Find("[data-testid=private-membership]").TextContent, StringComparison.CurrentCulture));
        Assert.Single(cut.FindAll("[data-testid=unpaid-override-reason]"));
        Assert.Empty(cut.FindAll("[data-testid=override-reason]"));
        cut.Find("[data-testid=unpaid-override-reason]").Input("Arbetsgivaren betalar");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=wizard-next]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task UnpaidCharges_StepOne_ShowsTheAmountAndTheWayToTheTill_ASupervisorsReasonLetsItGoOn()
    {
        var personId = await ArrangeAsync(unpaidSince: Clock.Today.AddDays(-40));

        var cut = Render<RedeemWizard>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Contains($"{Money.FromKronor(100)} obetalt i kassan", cut.Find("[data-testid=unpaid-charges-stop]").TextContent, StringComparison.CurrentCulture));
        Assert.Equal($"/personer/{personId}#att-betala", cut.Find("[data-testid=unpaid-till-link]").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=wizard-next]").HasAttribute("disabled"));

        cut.Find("[data-testid=unpaid-override-reason]").Input("Betalar via arbetsgivaren");

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=wizard-next]").HasAttribute("disabled")));
    }
}

/// <summary>The same stop for a receptionist: no override field, only "ask a supervisor".</summary>
public sealed class RedeemWizardStandingReceptionTests : StandingWizardTestBase
{
    protected override Right[] Rights => [Right.Reception];

    [Fact]
    public async Task UnpaidCharges_Reception_GetsNoOverrideField()
    {
        var personId = await ArrangeAsync(unpaidSince: Clock.Today.AddDays(-40));

        var cut = Render<RedeemWizard>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Contains("Be en arbetsledare om undantag", cut.Find("[data-testid=unpaid-charges-stop]").TextContent, StringComparison.CurrentCulture));
        Assert.Empty(cut.FindAll("[data-testid=unpaid-override-reason]"));
        Assert.True(cut.Find("[data-testid=wizard-next]").HasAttribute("disabled"));
    }
}

public abstract class StandingWizardTestBase : BunitTestBase
{
    /// <summary>A person with an open pre-order (so step 1 has a suggestion chosen) and, if asked, a 100 kr freeze fee open since that day.</summary>
    protected async Task<int> ArrangeAsync(DateOnly? unpaidSince)
    {
        await using var db = Database.NewContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        var person = await TestData.AddPersonAsync(db, "Åsa", "Öberg", TestData.NextPersonnummer());
        await TestData.AddPreOrderAsync(db, company, gym, new DateRange(Clock.Today.AddDays(-1), Clock.Today.AddMonths(1)), person.FullName, person.Personnummer);
        if (unpaidSince is { } day)
        {
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, gym, gym.MonthlyPrice, new DateOnly(2024, 1, 1), null, null, "seed", Clock.UtcNow));
            subscription.Freeze(new FreezeRequest(day.AddDays(1), day.AddDays(14), null), new OperationContext(day, gym), "seed", day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
        }

        return person.Id;
    }
}
