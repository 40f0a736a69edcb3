using BrpBlazor.Core.Application.AuditLog;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Application.AuditLog;

public class AuditLogQueryTests
{
    [Fact]
    public async Task GetAsync_FiltersByPersonOrganisationStaffAndDate_NewestFirst_Paged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            db.AuditEntries.AddRange(
                Entry(new DateTime(2026, 3, 1, 9, 0, 0), "anna", personId: 1),
                Entry(new DateTime(2026, 3, 2, 9, 0, 0), "anna", personId: 2, organisationId: 7),
                Entry(new DateTime(2026, 3, 3, 9, 0, 0), "bo", personId: 1),
                Entry(new DateTime(2026, 3, 4, 9, 0, 0), "bo", organisationId: 7));
            await db.SaveChangesAsync();
        }

        var query = new AuditLogQuery(database.Factory);

        var byPerson = (await query.GetAsync(Actors.Supervisor, new AuditFilter(PersonId: 1), 0, 10)).Value;
        Assert.Equal([new DateTime(2026, 3, 3, 9, 0, 0), new DateTime(2026, 3, 1, 9, 0, 0)], byPerson.Entries.Select(e => e.WhenUtc));
        Assert.Equal(2, (await query.GetAsync(Actors.Supervisor, new AuditFilter(OrganisationId: 7), 0, 10)).Value.TotalCount);
        Assert.Equal(2, (await query.GetAsync(Actors.Supervisor, new AuditFilter(ActorId: "bo"), 0, 10)).Value.TotalCount);
        var days = (await query.GetAsync(Actors.Supervisor, new AuditFilter(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 3)), 0, 10)).Value;
        Assert.Equal(2, days.TotalCount);
        var secondPage = (await query.GetAsync(Actors.Supervisor, new AuditFilter(), 1, 3)).Value;
        Assert.Equal(4, secondPage.TotalCount);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0), Assert.Single(secondPage.Entries).WhenUtc);
        Assert.Equal("right.missing", (await query.GetAsync(Actors.Reception, new AuditFilter(), 0, 10)).FirstError?.Code);
    }

    private static AuditEntry Entry(DateTime whenUtc, string actor, int? personId = null, int? organisationId = null) =>
        AuditEntry.Create(DateTime.SpecifyKind(whenUtc, DateTimeKind.Utc), actor, actor, "test", "Test", "1", "Händelse", null, null, personId, organisationId);
}
