using BrpBlazor.Core.Application.FollowUp;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.Application.PreOrders;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// The follow-up's reads and operations check the right Organisation themselves (the page policy is not the only
/// check), and a bulk action cannot reach another organisation's pre-orders by forging ids or a filter.
/// </summary>
public sealed class FollowUpRightsTests : PreOrderTestBase
{
    private PreOrderMail Mail => new(Database.Factory, Clock, new MailSettings(), new SmtpSettings());

    private PreOrderBulkActions Bulk => new(Database.Factory, Clock, Mail);

    public static TheoryData<Right> OtherRights => new() { Right.Reception, Right.Supervisor, Right.Admin };

    [Theory]
    [MemberData(nameof(OtherRights))]
    public async Task EveryFollowUpReadAndOperation_WithoutTheRightOrganisation_IsRefused(Right right)
    {
        var actor = Actors.With(right);
        var id = await AddAsync(Organisation.Id, "Åsa Öberg");
        var forged = new BulkPreview(new BulkAction(BulkActionKind.Withdraw, Reason: "x"), [new BulkLine(id, 1, "Åsa Öberg", Validity.End, null)], []);

        Assert.Equal("right.missing", (await new FollowUpQueries(Database.Factory, Clock).SummaryAsync(actor, Organisation.Id)).FirstError?.Code);
        Assert.Equal("right.missing", (await new FollowUpQueries(Database.Factory, Clock).MyOrganisationsAsync(actor)).FirstError?.Code);
        Assert.Equal("right.missing", (await Bulk.PreviewAsync(actor, new BulkSelection(Organisation.Id), new BulkAction(BulkActionKind.RemindNow))).FirstError?.Code);
        Assert.Equal("right.missing", (await Bulk.ApplyAsync(actor, Organisation.Id, forged)).FirstError?.Code);
        Assert.Equal("right.missing", (await new StatusFile(Database.Factory, Clock).WriteAsync(actor, Organisation.Id, StatusFileFormat.Csv, true, new MemoryStream())).FirstError?.Code);
        Assert.Equal("right.missing", (await Mail.PreviewInvitationsAsync(actor, Organisation.Id)).FirstError?.Code);
        Assert.Equal("right.missing", (await Mail.QueueInvitationsAsync(actor, Organisation.Id)).FirstError?.Code);
        Assert.Equal("right.missing", (await new MailTexts(Database.Factory, Clock).GetAsync(actor, Organisation.Id)).FirstError?.Code);
        Assert.Equal("right.missing", (await new MailTexts(Database.Factory, Clock).SaveAsync(actor, Organisation.Id, MailKind.Invitation, "a", "b")).FirstError?.Code);

        await using var db = Database.NewContext();
        Assert.Equal(PreOrderStatus.Open, (await db.PreOrders.SingleAsync(p => p.Id == id)).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task BulkAction_WithAnotherOrganisationsIds_OrFilter_NeverReachesThem()
    {
        int otherId;
        await using (var db = Database.NewContext())
        {
            otherId = (await TestData.AddOrganisationAsync(db, "Annan AB", (Product, 199))).Id;
        }

        var theirs = await AddAsync(otherId, "Bo Ek");
        var selectionByIds = new BulkSelection(Organisation.Id, [theirs]);
        var selectionByFilter = new BulkSelection(Organisation.Id, Filter: new Core.Application.PreOrders.PreOrderFilter(otherId));
        var withdraw = new BulkAction(BulkActionKind.Withdraw, Reason: "Attack");

        Assert.Empty((await Bulk.PreviewAsync(Staff, selectionByIds, withdraw)).Value.Affected);
        Assert.Empty((await Bulk.PreviewAsync(Staff, selectionByFilter, withdraw)).Value.Affected);
        var forged = new BulkPreview(withdraw, [new BulkLine(theirs, 1, "Bo Ek", Validity.End, null)], []);
        Assert.Equal(PreOrderBulkActions.Changed.Code, (await Bulk.ApplyAsync(Staff, Organisation.Id, forged)).FirstError?.Code);

        await using var check = Database.NewContext();
        Assert.Equal(PreOrderStatus.Open, (await check.PreOrders.SingleAsync(p => p.Id == theirs)).Status);
    }

    [Fact]
    public async Task StatusFile_WithoutTheTick_HasNoPersonnummer_NorBirthDate()
    {
        await AddAsync(Organisation.Id, "Åsa Öberg");
        using var file = new MemoryStream();

        await new StatusFile(Database.Factory, Clock).WriteAsync(Staff, Organisation.Id, StatusFileFormat.Xlsx, false, file);

        Assert.Empty(PersonnummerScannerHits(file.ToArray()));
    }

    [Fact]
    public void MailText_WithAPersonnummerPlaceholderGuess_StaysLiteral_SoNoPersonnummerReachesAMail()
    {
        var rendered = MailTexts.Render("{personnummer}", "{personnummer} {pnr}", new MailValues("Åsa", "Företaget AB", "Gym", Today, "Gymkedjan"));

        Assert.Equal("{personnummer}", rendered.Subject);
        Assert.Equal("{personnummer} {pnr}", rendered.Body);
    }

    private static IEnumerable<string> PersonnummerScannerHits(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var zip = new System.IO.Compression.ZipArchive(stream);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var text = reader.ReadToEnd();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(19|20)\d{6}-?\d{4}|1985-03-14"))
            {
                yield return m.Value;
            }
        }
    }

    private async Task<int> AddAsync(int organisationId, string name)
    {
        await using var db = Database.NewContext();
        var p = PreOrder.Create(
            new PreOrderDraft(organisationId, Product.Id, Validity, name, TestData.NextPersonnummer(), default, "x@foretaget.se"), "test", Clock.UtcNow);
        db.PreOrders.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    }
}
