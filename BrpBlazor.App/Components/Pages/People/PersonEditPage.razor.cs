using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Domain.People;
using Microsoft.AspNetCore.Components;

namespace BrpBlazor.App.Components.Pages.People;

/// <summary>Ny person and Ändra personuppgifter: the rules and the messages come from <see cref="PersonRegister"/>.</summary>
public partial class PersonEditPage
{
    private static readonly string[] FirstNameCodes = [PersonCodes.FirstName, PersonCodes.Name];
    private static readonly string[] LastNameCodes = [PersonCodes.LastName, PersonCodes.Name];
    private static readonly string[] IdentityCodes = [PersonnummerErrors.Prefix, BirthDates.ErrorPrefix, PersonCodes.Identity];
    private static readonly string[] EmailCodes = [Core.Domain.Common.EmailAddress.ErrorPrefix];
    private static readonly string[] PhoneCodes = [PersonCodes.Phone];
    private static readonly string[] AllFieldCodes = [.. FirstNameCodes, .. LastNameCodes, .. IdentityCodes, .. EmailCodes, .. PhoneCodes];

    private FormModel form = new();
    private ExistingPerson? duplicate;
    private int version;
    private bool loaded;
    private bool notFound;

    [Parameter]
    public int? PersonId { get; set; }

    [SupplyParameterFromQuery(Name = SearchQueryProtector.PlainParameter)]
    private string? Q { get; set; }

    [SupplyParameterFromQuery(Name = SearchQueryProtector.ProtectedParameter)]
    private string? S { get; set; }

    [Inject]
    private PersonRegister Register { get; set; } = default!;

    [Inject]
    private IBusinessClock Clock { get; set; } = default!;

    [Inject]
    private SearchQueryProtector QueryProtector { get; set; } = default!;

    private bool IsNew => PersonId is null;

    private string Title => IsNew ? "Ny person" : "Ändra personuppgifter";

    private string CancelHref => PersonId is { } id ? AppRoutes.Person(id) : AppRoutes.People;

    protected override async Task OnParametersSetAsync()
    {
        Errors.Clear();
        duplicate = null;
        if (PersonId is { } id)
        {
            var found = await Register.GetAsync(await CurrentStaff.GetAsync(), id);
            notFound = !found.IsSuccess;
            if (found.IsSuccess)
            {
                var person = found.Value;
                form = FormModel.From(PersonInput.From(person));
                version = person.Version;
            }
        }
        else
        {
            // Pre-filled from a search that found nobody; a personnummer arrives encrypted, never in plain text.
            form = FormModel.From(PersonInput.FromSearchText(QueryProtector.FromUrl(Q, S)));
        }

        loaded = true;
    }

    private async Task SaveAsync()
    {
        var input = form.ToInput();
        var result = await SaveWithAsync(
            actor => PersonId is { } id ? Register.UpdateAsync(actor, id, version, input) : Register.CreateAsync(actor, input),
            IsNew ? "Personen registrerades" : "Personuppgifterna sparades",
            saved => AppRoutes.Person(saved.PersonId));
        duplicate = result.Duplicate;
    }

    private void OnPersonnummerChanged()
    {
        Errors.Clear(IdentityCodes);
        duplicate = null;
    }

    /// <summary>Says what is wrong with a personnummer as soon as staff leave the field.</summary>
    private void CheckPersonnummer()
    {
        if (!string.IsNullOrWhiteSpace(form.Personnummer) && !Personnummer.TryParse(form.Personnummer, Clock.Today, out _, out var error))
        {
            Errors.Clear(IdentityCodes);
            Errors.Add(error);
        }
    }

    private void CheckBirthDate()
    {
        if (!string.IsNullOrWhiteSpace(form.BirthDate) && !BirthDates.TryParse(form.BirthDate, Clock.Today, out _, out var error))
        {
            Errors.Clear(IdentityCodes);
            Errors.Add(error);
        }
    }

    /// <summary>The form's state; the switch decides whether the personnummer or the birth date is sent.</summary>
    private sealed class FormModel
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Personnummer { get; set; }

        public string? BirthDate { get; set; }

        public bool WithoutPersonnummer { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public static FormModel From(PersonInput input) => new()
        {
            FirstName = input.FirstName,
            LastName = input.LastName,
            Personnummer = input.Personnummer,
            BirthDate = input.BirthDate,
            WithoutPersonnummer = string.IsNullOrWhiteSpace(input.Personnummer) && !string.IsNullOrWhiteSpace(input.BirthDate),
            Email = input.Email,
            Phone = input.Phone,
        };

        public PersonInput ToInput() => new(
            FirstName, LastName, WithoutPersonnummer ? null : Personnummer, WithoutPersonnummer ? BirthDate : null, Email, Phone);
    }
}
