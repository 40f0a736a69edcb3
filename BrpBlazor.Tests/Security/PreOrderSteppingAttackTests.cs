using BrpBlazor.App.Components.Wizard;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// The reported hole (issue 14 point 3): a receptionist stepping <c>/organisationskund/ny?forbestallning=1, 2, 3 …</c>
/// got the name, whole personnummer and e-mail of every open pre-order. A pre-order now opens only together with
/// the personnummer searched for (docs/decisions/060).
/// </summary>
public sealed class PreOrderSteppingAttackTests : BunitTestBase
{
    protected override Right[] Rights => [Right.Reception];

    [Fact]
    public async Task WizardStartedByPreOrderId_SteppingEveryId_ShowsNoPersonnummerNameOrEmail()
    {
        var preOrders = await ArrangeAsync();

        foreach (var (id, personnummer, name) in preOrders)
        {
            var cut = Render<RedeemWizard>(p => p.Add(x => x.StartFromPreOrderId, id));
            cut.WaitForElement("[data-testid=new-firstname]");

            Assert.Empty(PersonnummerScanner.Find(cut.Markup.Split('\n'), Clock.Today));
            Assert.DoesNotContain(personnummer.Formatted[..8], cut.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain(name.Split(' ')[1], cut.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("@firma.se", cut.Markup, StringComparison.Ordinal);
            await DisposeComponentsAsync();
            await ForgetWizardAsync();
        }
    }

    [Fact]
    public async Task WizardStartedByPreOrderId_WithAnotherPersonsSearch_ShowsNothingOfThePreOrder()
    {
        var preOrders = await ArrangeAsync();
        var attackersOwnSearch = ProtectedSearch(TestData.NextPersonnummer().Formatted);

        foreach (var (id, personnummer, _) in preOrders)
        {
            var cut = Render<RedeemWizard>(p => p.Add(x => x.StartFromPreOrderId, id).Add(x => x.StartFromSearch, attackersOwnSearch));
            cut.WaitForElement("[data-testid=new-firstname]");

            Assert.DoesNotContain(personnummer.Formatted[..8], cut.Markup, StringComparison.Ordinal);
            await DisposeComponentsAsync();
            await ForgetWizardAsync();
        }
    }

    [Fact]
    public async Task WizardStartedFromTheSearchForThatPersonnummer_PrefillsThePreOrder()
    {
        var (id, personnummer, name) = (await ArrangeAsync())[1];

        var cut = Render<RedeemWizard>(p => p.Add(x => x.StartFromPreOrderId, id).Add(x => x.StartFromSearch, ProtectedSearch(personnummer.Formatted)));

        cut.WaitForAssertion(() => Assert.Equal(personnummer.Formatted, cut.Find("[data-testid=new-personnummer]").GetAttribute("value")));
        Assert.Equal(name.Split(' ')[1], cut.Find("[data-testid=new-lastname]").GetAttribute("value"));
    }

    [Fact]
    public async Task PreOrderStart_SteppingIdsWithOneSearchedPersonnummer_YieldsOnlyThatPersonsPreOrder()
    {
        var preOrders = await ArrangeAsync();
        var service = new RedeemService(Database.Factory, Database.Database, Clock, new InProcessChangeFeed());
        var searched = preOrders[2].Personnummer;
        var reception = new StaffActor("r", "Reception", new HashSet<Right> { Right.Reception });

        var answers = new List<Result<PreOrderStart>>();
        for (var id = 1; id <= preOrders.Count + 3; id++)
        {
            answers.Add(await service.PreOrderStartAsync(reception, searched, id));
        }

        var opened = Assert.Single(answers, a => a.IsSuccess);
        Assert.Equal(preOrders[2].Id, opened.Value.PreOrderId);
        Assert.All(answers.Where(a => !a.IsSuccess), a => Assert.Equal(RedeemErrors.NoPreOrderStart.Code, a.FirstError!.Code));
    }

    /// <summary>Each id is a fresh start, not the previous id's wizard restored from the tablet's storage.</summary>
    private async Task ForgetWizardAsync()
    {
        foreach (var key in WizardStore.Keys.ToList())
        {
            await WizardStore.ClearAsync(key);
        }
    }

    private string ProtectedSearch(string personnummer)
    {
        var url = Services.GetRequiredService<SearchQueryProtector>().ToUrl(string.Empty, personnummer);
        return Uri.UnescapeDataString(url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>Four imported people with open pre-orders, none of them in the register (as reproduced in the issue).</summary>
    private async Task<IReadOnlyList<(int Id, Personnummer Personnummer, string Name)>> ArrangeAsync()
    {
        await using var db = Database.NewContext();
        var gym = await TestData.AddProductAsync(db, "Gym 12 mån autogiro", 399);
        var company = await TestData.AddOrganisationAsync(db, "Företaget AB", (gym, 299));
        var validity = new DateRange(Clock.Today.AddDays(-1), Clock.Today.AddMonths(1));
        var people = new List<(int, Personnummer, string)>();
        foreach (var name in new[] { "Karin Lindqvist", "Olle Sundström", "Maja Björklund", "Erik Wallin" })
        {
            var pnr = TestData.NextPersonnummer();
            var preOrder = Core.Domain.PreOrders.PreOrder.Create(
                new Core.Domain.PreOrders.PreOrderDraft(company.Id, gym.Id, validity, name, pnr, default, $"{name.Split(' ')[0].ToLowerInvariant()}@firma.se"),
                "test", Clock.UtcNow);
            db.PreOrders.Add(preOrder);
            await db.SaveChangesAsync();
            people.Add((preOrder.Id, pnr, name));
        }

        return people;
    }
}
