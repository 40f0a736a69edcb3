using System.Text;
using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Tests.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace BrpBlazor.Tests.Application.FollowUp;

/// <summary>
/// The follow-up figures, bulk actions and status file against a seeded organisation with known counts. Today is
/// 2026-03-16 (a Monday, week 12): 10 pre-orders — 3 redeemed (weeks 12, 11, 11), 4 open (1 ending within 30 days), 2
/// expired, 1 withdrawn.
/// </summary>
public sealed class FollowUpTests : PreOrderTestBase
{
    private readonly Dictionary<string, int> ids = [];

    private FollowUpQueries FollowUp => new(Database.Factory, Clock);

    private PreOrderMail Mail => new(Database.Factory, Clock, new MailSettings(), new SmtpSettings { From = "medlem@gymkedjan.se" });

    private PreOrderBulkActions Bulk(Action<int>? afterEach = null) => new(Database.Factory, Clock, Mail) { AfterEach = afterEach };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var long_ = new DateRange(Today.AddMonths(-2), Today.AddMonths(2));
        var soon = new DateRange(Today.AddMonths(-2), Today.AddDays(20));
        var past = new DateRange(Today.AddMonths(-3), Today.AddDays(-1));
        await AddAsync("Anna Redeemed", long_, redeemedOn: Today);
        await AddAsync("Bo Redeemed", long_, redeemedOn: Today.AddDays(-3));
        await AddAsync("Cecilia Redeemed", long_, redeemedOn: Today.AddDays(-7));
        await AddAsync("David Öppen", long_, email: "david@foretaget.se");
        await AddAsync("Erik Öppen", long_, email: "erik@foretaget.se");
        await AddAsync("Fia Öppen", long_);
        await AddAsync("Gustav Snart", soon, email: "gustav@foretaget.se");
        await AddAsync("Hanna Utgången", past, email: "hanna@foretaget.se");
        await AddAsync("Ivar Utgången", past);
        await AddAsync("Jonna Återkallad", long_, withdrawn: true);
    }

    [Fact]
    public async Task Summary_SeededOrganisation_HasTheKnownCountsWeeksAndWhoHasNotCome()
    {
        await Mail.QueueInvitationsAsync(Staff, Organisation.Id, [ids["David Öppen"]]);
        await MarkSentAsync(ids["David Öppen"], new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));

        var summary = (await FollowUp.SummaryAsync(Staff, Organisation.Id)).Value;

        Assert.Equal(new FollowUpCounts(10, 3, 4, 1, 2, 1), summary.Counts);
        Assert.Equal(3.0 / 9, summary.Counts.RedemptionRate!.Value, 6);
        Assert.Equal(FollowUpQueries.Weeks, summary.Weeks.Count);
        Assert.Equal((new DateOnly(2026, 3, 16), 12, 1), (summary.Weeks[^1].Monday, summary.Weeks[^1].Week, summary.Weeks[^1].Count));
        Assert.Equal((11, 2), (summary.Weeks[^2].Week, summary.Weeks[^2].Count));
        Assert.Equal(3, summary.Weeks.Sum(w => w.Count));
        Assert.Equal(["Gustav Snart", "David Öppen", "Erik Öppen", "Fia Öppen"], summary.NotYetCome.Select(n => n.Name));
        var david = summary.NotYetCome.Single(n => n.Name == "David Öppen");
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), david.InvitedUtc);
        Assert.Null(david.RemindedUtc);
        Assert.Single(summary.Outbox);
    }

    [Fact]
    public async Task MyOrganisations_ListsOnlyTheCustomerManagersOwn_LowestRateFirst()
    {
        await using (var db = Database.NewContext())
        {
            var mine = await db.Organisations.SingleAsync(o => o.Id == Organisation.Id);
            mine.Update(mine.ToDetails() with { CustomerManagerId = Staff.Id });
            var other = Organisation.Create(new OrganisationDetails("Annan AB", TestData.NextOrganisationsnummer(), Staff.Id, true)).Value;
            var notMine = Organisation.Create(new OrganisationDetails("Inte Min AB", TestData.NextOrganisationsnummer(), "someone-else", true)).Value;
            db.Organisations.AddRange(other, notMine);
            await db.SaveChangesAsync();
        }

        var list = (await FollowUp.MyOrganisationsAsync(Staff)).Value;

        Assert.Equal(["Företaget AB", "Annan AB"], list.Select(o => o.Name));
        Assert.Equal(10, list[0].Counts.PreOrdered);
        Assert.Null(list[1].Counts.RedemptionRate);
    }

    [Fact]
    public async Task BulkExtend_ByFilter_PreviewsAndAppliesToTheOpenAndExpired_WithAnAuditEntryEach()
    {
        var newEnd = Today.AddMonths(4);
        var preview = (await Bulk().PreviewAsync(Staff, new BulkSelection(Organisation.Id), new BulkAction(BulkActionKind.ExtendValidity, newEnd))).Value;

        Assert.Equal(6, preview.Affected.Count);
        Assert.Equal(4, preview.Skipped.Count);
        Assert.Contains(preview.Skipped, s => s.Name == "Anna Redeemed" && s.SkipReason == "Redan utnyttjad");
        Assert.Equal(6, (await Bulk().ApplyAsync(Staff, Organisation.Id, preview)).Value);
        await using var db = Database.NewContext();
        Assert.Equal(6, await db.PreOrders.CountAsync(p => p.ValidTo == newEnd));
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.Action == "preorder.extend"));
        Assert.Equal(0, (await FollowUp.SummaryAsync(Staff, Organisation.Id)).Value.Counts.Expired);
    }

    [Theory]
    [InlineData(BulkActionKind.ExtendValidity)]
    [InlineData(BulkActionKind.Withdraw)]
    [InlineData(BulkActionKind.RemindNow)]
    public async Task Bulk_FailureInTheMiddle_SavesNothing(BulkActionKind kind)
    {
        var action = new BulkAction(kind, Today.AddMonths(5), "Avtalet sades upp");
        var selection = new BulkSelection(Organisation.Id, [ids["David Öppen"], ids["Erik Öppen"], ids["Gustav Snart"]]);
        var preview = (await Bulk().PreviewAsync(Staff, selection, action)).Value;
        Assert.Equal(3, preview.Affected.Count);
        var seen = 0;

        var result = await Bulk(_ =>
        {
            if (++seen == 2)
            {
                throw new DbUpdateException("injected failure");
            }
        }).ApplyAsync(Staff, Organisation.Id, preview);

        Assert.Equal(PreOrderBulkActions.Failed.Code, result.FirstError?.Code);
        await using var db = Database.NewContext();
        var three = await db.PreOrders.Where(p => selection.PreOrderIds!.Contains(p.Id)).ToListAsync();
        Assert.All(three, p => Assert.Equal((PreOrderStatus.Open, 1), (p.Status, p.Version)));
        Assert.DoesNotContain(three, p => p.ValidTo == Today.AddMonths(5));
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task BulkWithdraw_APreOrderChangedSincePreview_RefusesAll()
    {
        var selection = new BulkSelection(Organisation.Id, [ids["David Öppen"], ids["Erik Öppen"]]);
        var preview = (await Bulk().PreviewAsync(Staff, selection, new BulkAction(BulkActionKind.Withdraw, Reason: "Slutat"))).Value;
        var version = (await Queries.GetAsync(Staff, Organisation.Id, ids["Erik Öppen"])).Value.Version;
        Assert.True((await Commands.WithdrawAsync(Staff, Organisation.Id, ids["Erik Öppen"], version, "Av en kollega")).IsSuccess);

        var result = await Bulk().ApplyAsync(Staff, Organisation.Id, preview);

        Assert.Equal(PreOrderBulkActions.Changed.Code, result.FirstError?.Code);
        await using var db = Database.NewContext();
        Assert.Equal(PreOrderStatus.Open, (await db.PreOrders.SingleAsync(p => p.Id == ids["David Öppen"])).Status);
    }

    [Fact]
    public async Task BulkRemindNow_QueuesOnlyThoseWithAnAddressWhoCanStillCome()
    {
        var preview = (await Bulk().PreviewAsync(Staff, new BulkSelection(Organisation.Id), new BulkAction(BulkActionKind.RemindNow))).Value;

        Assert.Equal(["David Öppen", "Erik Öppen", "Gustav Snart"], preview.Affected.Select(a => a.Name).Order());
        Assert.Equal(3, (await Bulk().ApplyAsync(Staff, Organisation.Id, preview)).Value);
        await using var db = Database.NewContext();
        Assert.Equal(3, await db.OutboxMessages.CountAsync(m => m.Kind == MailKind.Reminder && m.Status == OutboxStatus.Pending));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "preorder.remind"));
    }

    [Fact]
    public async Task StatusFile_Csv_HasNoPersonnummerUnlessTicked_AndIsAudited()
    {
        var files = new StatusFile(Database.Factory, Clock);
        using var without = new MemoryStream();
        using var with = new MemoryStream();

        Assert.Equal(10, (await files.WriteAsync(Staff, Organisation.Id, StatusFileFormat.Csv, false, without)).Value);
        await files.WriteAsync(Staff, Organisation.Id, StatusFileFormat.Csv, true, with);

        var plain = Encoding.UTF8.GetString(without.ToArray());
        Assert.StartsWith("\uFEFFNamn;Produkt;Status;Giltig t.o.m.;Utnyttjad;Inbjuden;Påmind", plain, StringComparison.Ordinal);
        Assert.Contains("Anna Redeemed;Gym 12 mån autogiro;utnyttjad;2026-05-16;2026-03-16;;", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("19850314-", plain, StringComparison.Ordinal);
        Assert.Contains("19850314-", Encoding.UTF8.GetString(with.ToArray()), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "preorder.statusfile"));
    }

    [Fact]
    public async Task StatusFile_Xlsx_OpensWithTheSameRows()
    {
        using var file = new MemoryStream();
        await new StatusFile(Database.Factory, Clock).WriteAsync(Staff, Organisation.Id, StatusFileFormat.Xlsx, false, file);

        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(10, rows.Count);
        var hanna = rows.Single(r => (string)r["Namn"] == "Hanna Utgången");
        Assert.Equal("utgången", hanna["Status"]);
        Assert.False(rows[0].ContainsKey("Personnummer"));
    }

    private async Task AddAsync(string name, DateRange validity, DateOnly? redeemedOn = null, bool withdrawn = false, string? email = null)
    {
        await using var db = Database.NewContext();
        var preOrder = PreOrder.Create(
            new PreOrderDraft(Organisation.Id, Product.Id, validity, name, TestData.NextPersonnummer(), default, email), "test", Clock.UtcNow);
        if (redeemedOn is { } day)
        {
            Assert.True(preOrder.Redeem(1, day, day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)).IsSuccess);
        }

        if (withdrawn)
        {
            Assert.True(preOrder.Withdraw("Slutat", "test", Clock.UtcNow).IsSuccess);
        }

        db.PreOrders.Add(preOrder);
        await db.SaveChangesAsync();
        ids[name] = preOrder.Id;
    }

    private async Task MarkSentAsync(int preOrderId, DateTime sentUtc)
    {
        await using var db = Database.NewContext();
        await db.OutboxMessages.Where(m => m.PreOrderId == preOrderId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentUtc, sentUtc));
    }
}
