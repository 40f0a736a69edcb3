using BrpBlazor.App.Components.Pages.People;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Staff;
using BrpBlazor.Tests.Components.Shared;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Tests.Components.People;

public class PersonEditPageTests : RegisterFormTestBase
{
    [Fact]
    public void NewPerson_EmptyForm_ShowsAMessageNextToEachRequiredField()
    {
        var cut = Render<PersonEditPage>();

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Ange förnamn", FieldText(cut, "person-first-name"), StringComparison.CurrentCulture));
        Assert.Contains("Ange efternamn", FieldText(cut, "person-last-name"), StringComparison.CurrentCulture);
        Assert.Contains("Ange personnummer eller födelsedatum", FieldText(cut, "person-personnummer-input"), StringComparison.CurrentCulture);
        Assert.False(FieldHasError(cut, "person-email"));
    }

    [Theory]
    [InlineData("198405171234", "Kontrollsiffran stämmer inte")]
    [InlineData("19900230-1233", "Datumet finns inte")]
    [InlineData("1984-05-17", "Personnumret ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN")]
    public async Task NewPerson_BadPersonnummer_MessageNextToTheFieldAndNothingSaved(string personnummer, string message)
    {
        var cut = Render<PersonEditPage>();
        Fill(cut, "Per", "Berg", personnummer);

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains(message, FieldText(cut, "person-personnummer-input"), StringComparison.CurrentCulture));
        await using var db = Database.NewContext();
        Assert.Empty(await db.People.ToListAsync());
    }

    [Fact]
    public async Task NewPerson_PlusForSomeoneWhoIsNinetyNine_SaysWhatPlusMeans()
    {
        // Today 2026-03-16: 260415+… would be born 1826 (199); with '-' it is 1926-04-15, 99 years old.
        var number = $"260415+123{Core.Domain.Common.Luhn.CheckDigit("260415123")}";
        var cut = Render<PersonEditPage>();
        Fill(cut, "Ingrid", "Äldre", number);

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("+ betyder att personen är 100 år eller äldre", FieldText(cut, "person-personnummer-input"), StringComparison.CurrentCulture));
        await using var db = Database.NewContext();
        Assert.Empty(await db.People.ToListAsync());
    }

    [Fact]
    public void NewPerson_LeavingABadPersonnummer_SaysWhyAtOnce()
    {
        var cut = Render<PersonEditPage>();
        cut.Find("[data-testid=person-personnummer-input]").Input("198405171234");

        cut.Find("[data-testid=person-personnummer-input]").Blur();

        cut.WaitForAssertion(() => Assert.Contains("Kontrollsiffran stämmer inte", FieldText(cut, "person-personnummer-input"), StringComparison.CurrentCulture));
    }

    [Fact]
    public void NewPerson_BirthDateThatDoesNotExist_MessageNextToTheBirthDate()
    {
        var cut = Render<PersonEditPage>();
        Fill(cut, "John", "Smith", null);
        cut.Find("[data-testid=person-without-personnummer]").Change(true);
        cut.Find("[data-testid=person-birth-date]").Input("1990-02-30");

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Datumet finns inte", FieldText(cut, "person-birth-date"), StringComparison.CurrentCulture));
    }

    [Fact]
    public async Task NewPerson_DuplicatePersonnummer_RefusedWithALinkToThatPerson()
    {
        var pnr = TestData.NextPersonnummer();
        Person existing;
        await using (var db = Database.NewContext())
        {
            existing = await TestData.AddPersonAsync(db, "Åsa", "Öberg", pnr);
        }

        var cut = Render<PersonEditPage>();
        Fill(cut, "Åsa", "Öberg", pnr.TenDigits);

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Det finns redan en person med det här personnumret", FieldText(cut, "person-personnummer-input"), StringComparison.CurrentCulture));
        var link = cut.Find("[data-testid=duplicate-person-link]");
        Assert.Equal($"/personer/{existing.Id}", link.GetAttribute("href"));
        Assert.Contains("Åsa Öberg", link.TextContent, StringComparison.CurrentCulture);
        await using var check = Database.NewContext();
        Assert.Equal(1, await check.People.CountAsync());
    }

    [Fact]
    public async Task NewPerson_Valid_SavedAndThePersonPageOpens()
    {
        var pnr = TestData.NextPersonnummer(new DateOnly(1990, 7, 7));
        var cut = Render<PersonEditPage>();
        Fill(cut, "Björn", "Lindström", pnr.Formatted);
        cut.Find("[data-testid=person-email]").Input("bjorn@exempel.se");
        cut.Find("[data-testid=person-phone]").Input("070-123 45 67");

        cut.Find("[data-testid=person-form]").Submit();

        int id = 0;
        await cut.WaitForAssertionAsync(async () =>
        {
            await using var db = Database.NewContext();
            id = (await db.People.SingleAsync(p => p.Personnummer == pnr)).Id;
        });
        cut.WaitForAssertion(() => Assert.EndsWith($"/personer/{id}", Navigation.Uri, StringComparison.CurrentCulture));
        await using var check = Database.NewContext();
        var person = await check.People.SingleAsync();
        Assert.Equal(("Björn", "Lindström", "bjorn@exempel.se", "070-123 45 67"), (person.FirstName, person.LastName, person.Email, person.Phone));
    }

    [Fact]
    public void NewPerson_FromASearchForAPersonnummer_IsPrefilledWithoutItInTheAddress()
    {
        var protector = Services.GetRequiredService<SearchQueryProtector>();
        var url = protector.ToUrl("/personer/ny", "840517-1235");
        Assert.DoesNotContain("1235", url, StringComparison.CurrentCulture);
        Navigation.NavigateTo(url);

        var cut = Render<PersonEditPage>();

        cut.WaitForAssertion(() => Assert.Equal("840517-1235", cut.Find("[data-testid=person-personnummer-input]").GetAttribute("value")));
    }

    [Fact]
    public void NewPerson_FromASearchForAName_IsPrefilledWithTheName()
    {
        Navigation.NavigateTo("/personer/ny?q=M%C3%A4rta%20Nystr%C3%B6m");

        var cut = Render<PersonEditPage>();

        cut.WaitForAssertion(() => Assert.Equal("Märta", cut.Find("[data-testid=person-first-name]").GetAttribute("value")));
        Assert.Equal("Nyström", cut.Find("[data-testid=person-last-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task EditPerson_ChangedEmail_SavedAndThePersonPageOpens()
    {
        Person person;
        await using (var db = Database.NewContext())
        {
            person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        }

        var cut = Render<PersonEditPage>(p => p.Add(x => x.PersonId, person.Id));
        cut.WaitForAssertion(() => Assert.Equal("Berg", cut.Find("[data-testid=person-last-name]").GetAttribute("value")));
        Assert.Equal(person.Personnummer!.Value.Formatted, cut.Find("[data-testid=person-personnummer-input]").GetAttribute("value"));
        cut.Find("[data-testid=person-email]").Input("per.berg@exempel.se");

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith($"/personer/{person.Id}", Navigation.Uri, StringComparison.CurrentCulture));
        await using var check = Database.NewContext();
        Assert.Equal("per.berg@exempel.se", (await check.People.SingleAsync()).Email);
    }

    [Fact]
    public async Task EditPerson_BadEmail_MessageNextToTheEmail()
    {
        Person person;
        await using (var db = Database.NewContext())
        {
            person = await TestData.AddPersonAsync(db, "Per", "Berg", TestData.NextPersonnummer());
        }

        var cut = Render<PersonEditPage>(p => p.Add(x => x.PersonId, person.Id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=person-email]"));
        cut.Find("[data-testid=person-email]").Input("per.berg@");

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("E-postadressen ser inte ut som en e-postadress", FieldText(cut, "person-email"), StringComparison.CurrentCulture));
    }

    private static void Fill(IRenderedComponent<PersonEditPage> cut, string first, string last, string? personnummer)
    {
        cut.Find("[data-testid=person-first-name]").Input(first);
        cut.Find("[data-testid=person-last-name]").Input(last);
        if (personnummer is not null)
        {
            cut.Find("[data-testid=person-personnummer-input]").Input(personnummer);
        }
    }
}

public class PersonEditPageWithoutReceptionTests : RegisterFormTestBase
{
    protected override Right[] Rights => [Right.Organisation];

    [Fact]
    public async Task NewPerson_StaffWithoutReception_RefusedByTheServerAndNothingSaved()
    {
        var cut = Render<PersonEditPage>();
        cut.Find("[data-testid=person-first-name]").Input("Per");
        cut.Find("[data-testid=person-last-name]").Input("Berg");
        cut.Find("[data-testid=person-personnummer-input]").Input(TestData.NextPersonnummer().Formatted);

        cut.Find("[data-testid=person-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Du saknar rättigheten Reception", cut.Find("[data-testid=person-form-error]").TextContent, StringComparison.CurrentCulture));
        await using var db = Database.NewContext();
        Assert.Empty(await db.People.ToListAsync());
    }
}
