using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Data;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Data;

/// <summary>Names sort in Swedish alphabetical order in SQLite (z, å, ä, ö; case together), not in byte order.</summary>
public class SwedishOrderTests
{
    [Fact]
    public void Compare_PutsÅBeforeÄBeforeÖ_AfterZ_AndIgnoresCase()
    {
        string[] names = ["Öst", "Ängel", "Åberg", "Zorn", "bravo", "Alfa"];

        var sorted = names.OrderBy(n => n, Comparer<string>.Create(SwedishCollation.Compare)).ToArray();

        Assert.Equal(["Alfa", "bravo", "Zorn", "Åberg", "Ängel", "Öst"], sorted);
    }

    [Fact]
    public async Task OrganisationSearch_OnADatabaseFile_ListsInSwedishOrder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"brp-sv-{Guid.NewGuid():N}.db");
        try
        {
            var database = BrpDatabase.ForConnectionString("sv", $"Data Source={path}");
            var factory = new BrpDbContextFactory(database);
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                foreach (var name in new[] { "Öst AB", "Ängel AB", "Åberg AB", "Zorn AB", "bravo AB", "Alfa AB" })
                {
                    await TestData.AddOrganisationAsync(db, name);
                }
            }

            var hits = await new OrganisationQueries(factory, new TestClock(TestClock.DefaultToday)).SearchAsync("ab");

            Assert.Equal(["Alfa AB", "bravo AB", "Zorn AB", "Åberg AB", "Ängel AB", "Öst AB"], hits.Select(h => h.Name));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task PersonSearch_ListsByLastNameInSwedishOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            foreach (var lastName in new[] { "Öberg", "Ängström", "Åkesson", "Zetterlund", "berg" })
            {
                await TestData.AddPersonAsync(db, "Testa", lastName, birthDate: new DateOnly(1980, 1, 1));
            }
        }

        var result = (await new PersonSearch(database.Factory, new TestClock(TestClock.DefaultToday)).SearchAsync(Actors.Reception, "testa")).Value;

        Assert.Equal(["Testa berg", "Testa Zetterlund", "Testa Åkesson", "Testa Ängström", "Testa Öberg"], result.Hits.Select(h => h.FullName));
    }
}
