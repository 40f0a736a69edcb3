using System.Data.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrpBlazor.Tests.Application.People;

public class PersonRegisterTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.DefaultToday);
    private TestDatabase database = default!;

    private PersonRegister Register => new(database.Factory, clock);

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ValidInput_StoresPersonAndOneAuditEntry()
    {
        var pnr = TestData.NextPersonnummer(new DateOnly(1984, 5, 17));

        var result = await Register.CreateAsync(Actors.Reception, Input("Märta", "Nyström", pnr.TenDigits[..6] + "-" + pnr.TenDigits[6..]) with { Email = "marta@exempel.se", Phone = "070-1234567" });

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        var person = await db.People.SingleAsync();
        Assert.Equal(result.PersonId, person.Id);
        Assert.Equal(pnr, person.Personnummer);
        Assert.Equal(new DateOnly(1984, 5, 17), person.BirthDate);
        Assert.Equal("marta@exempel.se", person.Email);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("person.create", audit.Action);
        Assert.Equal(person.Id, audit.PersonId);
        Assert.Equal(Actors.Reception.Id, audit.ActorId);
        Assert.Contains(pnr.Masked, audit.After, StringComparison.CurrentCulture);
        Assert.DoesNotContain(pnr.Value, audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task CreateAsync_BirthDateWithoutPersonnummer_StoresThePerson()
    {
        var result = await Register.CreateAsync(Actors.Reception, Input("John", "Smith", null, "1990-07-07"));

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        var person = await db.People.SingleAsync();
        Assert.Null(person.Personnummer);
        Assert.Equal(new DateOnly(1990, 7, 7), person.BirthDate);
    }

    [Theory]
    [InlineData("198405171234", "personnummer.checkdigit", "Kontrollsiffran stämmer inte")]
    [InlineData("19900230-1233", "personnummer.date", "Datumet finns inte")]
    [InlineData("12345", "personnummer.format", "Personnumret ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN")]
    public async Task CreateAsync_BadPersonnummer_RefusedWithSwedishMessageAndWritesNothing(string personnummer, string code, string message)
    {
        var result = await Register.CreateAsync(Actors.Reception, Input("Per", "Berg", personnummer));

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateAsync_BirthDateThatDoesNotExist_Refused()
    {
        var result = await Register.CreateAsync(Actors.Reception, Input("Per", "Berg", null, "1990-02-30"));

        Assert.Equal("Datumet finns inte", Assert.Single(result.Errors).Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateAsync_EmptyForm_NamesEveryMissingField()
    {
        var result = await Register.CreateAsync(Actors.Reception, PersonInput.Empty);

        Assert.Equal(["person.firstname", "person.lastname", "person.identity"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task CreateAsync_DuplicatePersonnummer_RefusedWithTheExistingPerson()
    {
        var pnr = TestData.NextPersonnummer();
        Person existing;
        await using (var db = database.NewContext())
        {
            existing = await TestData.AddPersonAsync(db, "Åsa", "Öberg", pnr);
        }

        var result = await Register.CreateAsync(Actors.Reception, Input("Åsa", "Öberg", pnr.Formatted));

        Assert.Equal(PersonErrors.Duplicate, Assert.Single(result.Errors));
        Assert.Equal(new ExistingPerson(existing.Id, "Åsa Öberg", existing.CustomerNumber), result.Duplicate);
        await using var check = database.NewContext();
        Assert.Equal(1, await check.People.CountAsync());
        Assert.Empty(await check.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_SamePersonnummerSavedByAnotherTabletMeanwhile_UniqueIndexGivesTheExistingPerson()
    {
        var pnr = TestData.NextPersonnummer();

        // The other tablet's save lands after our duplicate check, just before our transaction begins.
        var otherTablet = new SaveBeforeTransaction(database, "Åsa", "Öberg", pnr);
        var options = new DbContextOptionsBuilder<BrpDbContext>(database.Options).AddInterceptors(otherTablet).Options;
        var register = new PersonRegister(new BrpDbContextFactory(new BrpDatabase("race", options)), clock);

        var result = await register.CreateAsync(Actors.Reception, Input("Åsa", "Öberg", pnr.Formatted));

        Assert.True(otherTablet.Fired);
        Assert.Equal(PersonErrors.Duplicate, Assert.Single(result.Errors));
        Assert.Equal(otherTablet.PersonId, result.Duplicate?.Id);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_WithoutReceptionRight_RefusedAndWritesNothing()
    {
        var result = await Register.CreateAsync(Actors.Organisation, Input("Per", "Berg", TestData.NextPersonnummer().Formatted));

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task UpdateAsync_ChangedDetails_SavedWithOneAuditEntry()
    {
        var person = await AddPersonAsync("Per", "Berg");

        var result = await Register.UpdateAsync(
            Actors.Reception, person.Id, person.Version, PersonInput.From(person) with { LastName = "Bergström", Email = "per@exempel.se" });

        Assert.True(result.IsSuccess, result.FirstError?.Message);
        await using var db = database.NewContext();
        var saved = await db.People.SingleAsync();
        Assert.Equal("Bergström", saved.LastName);
        Assert.Equal("per@exempel.se", saved.Email);
        Assert.Equal(person.Version + 1, saved.Version);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("person.update", audit.Action);
        Assert.Contains("\"LastName\":\"Berg\"", audit.Before, StringComparison.CurrentCulture);
        Assert.Contains("\"LastName\":\"Bergström\"", audit.After, StringComparison.CurrentCulture);
    }

    [Fact]
    public async Task UpdateAsync_KeepingItsOwnPersonnummer_IsNoDuplicate()
    {
        var person = await AddPersonAsync("Per", "Berg");

        var result = await Register.UpdateAsync(Actors.Reception, person.Id, person.Version, PersonInput.From(person) with { Phone = "08-123 456" });

        Assert.True(result.IsSuccess, result.FirstError?.Message);
    }

    [Fact]
    public async Task UpdateAsync_PersonnummerOfSomeoneElse_RefusedWithThatPerson()
    {
        var other = await AddPersonAsync("Åsa", "Öberg");
        var person = await AddPersonAsync("Per", "Berg");

        var result = await Register.UpdateAsync(Actors.Reception, person.Id, person.Version, PersonInput.From(person) with { Personnummer = other.Personnummer!.Value.Formatted });

        Assert.Equal(other.Id, result.Duplicate?.Id);
        await AssertNoAuditAsync();
    }

    [Fact]
    public async Task UpdateAsync_SomeoneElseSavedFirst_RefusedAndNothingLost()
    {
        var person = await AddPersonAsync("Per", "Berg");
        var first = await Register.UpdateAsync(Actors.Reception, person.Id, person.Version, PersonInput.From(person) with { Phone = "070-111" });

        var second = await Register.UpdateAsync(Actors.Reception, person.Id, person.Version, PersonInput.From(person) with { Phone = "070-222" });

        Assert.True(first.IsSuccess);
        Assert.Equal(PersonErrors.ChangedByOther, Assert.Single(second.Errors));
        await using var db = database.NewContext();
        Assert.Equal("070-111", (await db.People.SingleAsync()).Phone);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task UpdateAsync_WithoutReceptionRight_RefusedAndWritesNothing()
    {
        var person = await AddPersonAsync("Per", "Berg");

        var result = await Register.UpdateAsync(Actors.Admin, person.Id, person.Version, PersonInput.From(person) with { LastName = "Annan" });

        Assert.Equal("right.missing", Assert.Single(result.Errors).Code);
        await using var db = database.NewContext();
        Assert.Equal("Berg", (await db.People.SingleAsync()).LastName);
        await AssertNoAuditAsync();
    }

    [Theory]
    [InlineData("840517-1234", "840517-1234", null, null, null, null)]
    [InlineData("19840517", null, "19840517", null, null, null)]
    [InlineData("  märta  nyström ", null, null, "märta", "nyström", null)]
    [InlineData("Nyström, Märta", null, null, "Märta", "Nyström", null)]
    [InlineData("marta@exempel.se", null, null, null, null, "marta@exempel.se")]
    [InlineData("100042", null, null, null, null, null)]
    public void FromSearchText_FillsTheFieldTheTextLooksLike(string query, string? personnummer, string? birthDate, string? firstName, string? lastName, string? email)
    {
        var input = PersonInput.FromSearchText(query);

        Assert.Equal(new PersonInput(firstName, lastName, personnummer, birthDate, email, null), input);
    }

    private static PersonInput Input(string first, string last, string? personnummer, string? birthDate = null) =>
        new(first, last, personnummer, birthDate, null, null);

    private async Task<Person> AddPersonAsync(string first, string last)
    {
        await using var db = database.NewContext();
        return await TestData.AddPersonAsync(db, first, last, TestData.NextPersonnummer());
    }

    private async Task AssertNothingWrittenAsync()
    {
        await using var db = database.NewContext();
        Assert.Empty(await db.People.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    private async Task AssertNoAuditAsync()
    {
        await using var db = database.NewContext();
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    /// <summary>Plays the other tablet: stores a person with the same personnummer when our transaction is about to begin.</summary>
    private sealed class SaveBeforeTransaction(TestDatabase database, string first, string last, Personnummer personnummer) : DbTransactionInterceptor
    {
        public bool Fired { get; private set; }

        public int PersonId { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!Fired)
            {
                Fired = true;
                await using var db = database.NewContext();
                PersonId = (await TestData.AddPersonAsync(db, first, last, personnummer)).Id;
            }

            return result;
        }
    }
}
