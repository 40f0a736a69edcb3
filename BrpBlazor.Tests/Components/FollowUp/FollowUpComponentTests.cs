using BrpBlazor.App.Components.Pages.FollowUp;
using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Components.FollowUp;

/// <summary>The follow-up page, its chart and Mina organisationer in bUnit, on real SQLite. Today is 2026-03-16 (week 12).</summary>
public sealed class FollowUpComponentTests : BunitTestBase
{
    private Organisation organisation = default!;
    private Product product = default!;

    protected override Right[] Rights => [Right.Organisation];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.NewContext();
        product = await TestData.AddProductAsync(db, "Gym 12 mån autogiro");
        organisation = await TestData.AddOrganisationAsync(db, "Företaget AB", (product, 299));
        var validity = new DateRange(Clock.Today.AddMonths(-2), Clock.Today.AddMonths(2));
        foreach (var (name, redeemedDaysAgo) in new (string, int?)[] { ("Anna", 0), ("Bo", 7), ("Cia", 6), ("David", null), ("Erik", null) })
        {
            var p = PreOrder.Create(new PreOrderDraft(organisation.Id, product.Id, validity, name, TestData.NextPersonnummer(), default, $"{name.ToLowerInvariant()}@foretaget.se"), "test", Clock.UtcNow);
            if (redeemedDaysAgo is { } days)
            {
                p.Redeem(1, Clock.Today.AddDays(-days), Clock.Today.AddDays(-days).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
            }

            db.PreOrders.Add(p);
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public void RedemptionsChart_RendersOneBarPerWeek_WithTheWeekLabelsAndFigures()
    {
        var weeks = new[] { new WeekRedemptions(new DateOnly(2026, 3, 2), 10, 0), new WeekRedemptions(new DateOnly(2026, 3, 9), 11, 2), new WeekRedemptions(new DateOnly(2026, 3, 16), 12, 1) };

        var cut = Render<RedemptionsChart>(p => p.Add(c => c.Weeks, weeks));

        Assert.NotNull(cut.Find("svg"));
        Assert.Equal(3, cut.FindAll("svg path.mud-chart-bar").Count);
        var labels = cut.FindAll("svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("v.11", labels);
        Assert.Contains("v.12", labels);
        Assert.Equal(["0", "2", "1"], cut.FindAll("[data-testid=week-count]").Select(c => c.TextContent));
    }

    [Fact]
    public void FollowUpPage_ShowsTheCountsTheChartAndWhoHasNotCome_AndThatMailIsOff()
    {
        RenderProviders();
        var cut = Render<FollowUpPage>(p => p.Add(c => c.OrganisationId, organisation.Id));

        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=followup-preordered]").TextContent));
        Assert.Equal("3", cut.Find("[data-testid=followup-redeemed]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=followup-open]").TextContent);
        Assert.Equal("60 %", cut.Find("[data-testid=followup-rate]").TextContent.Replace('\u00a0', ' '));
        Assert.Equal(["David", "Erik"], cut.FindAll("[data-testid=not-yet-come-name]").Select(n => n.TextContent).Order());
        Assert.Equal(["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "2", "1"], cut.FindAll("[data-testid=week-count]").Select(c => c.TextContent));
        Assert.Contains("ingen e-postserver är inställd", cut.Find("[data-testid=mail-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpPage_InvitationsConfirmed_LandInTheOutbox()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<FollowUpPage>(p => p.Add(c => c.OrganisationId, organisation.Id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=followup-invite]"));

        cut.Find("[data-testid=followup-invite]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("2 personer", dialogs.Find("[data-testid=invitations-count]").TextContent, StringComparison.Ordinal));
        dialogs.Find("[data-testid=invitations-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=outbox-status]").Count));
        Assert.All(cut.FindAll("[data-testid=not-yet-come-invited]"), c => Assert.Equal("väntar", c.TextContent));
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task MyOrganisations_ShowsTheStaffMembersOwnWithTheirRate()
    {
        await using (var db = Database.NewContext())
        {
            var mine = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            mine.Update(mine.ToDetails() with { CustomerManagerId = "anonymous" });
            await db.SaveChangesAsync();
        }

        var cut = Render<MyOrganisationsPage>();

        cut.WaitForAssertion(() => Assert.Equal("Företaget AB", cut.Find("[data-testid=my-organisation-name]").TextContent));
        Assert.Equal("60 %", cut.Find("[data-testid=my-organisation-rate]").TextContent.Replace('\u00a0', ' '));
    }
}
