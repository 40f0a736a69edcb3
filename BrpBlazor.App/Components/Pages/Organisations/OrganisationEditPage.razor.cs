using BrpBlazor.App.Components.Shared;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Pages.Organisations;

/// <summary>Ny organisation and Ändra organisation och prislista: the details and the price list are saved together.</summary>
public partial class OrganisationEditPage
{
    private static readonly string[] NameCodes = ["organisation.name"];
    private static readonly string[] NumberCodes = ["organisationsnummer."];
    private static readonly string[] ManagerCodes = ["organisation.manager"];
    private static readonly string[] PriceListCodes = ["pricelist."];

    /// <summary>Price list messages are shown below the editor with the rest.</summary>
    private static readonly string[] FieldCodes = [.. NameCodes, .. NumberCodes, .. ManagerCodes];

    private readonly FieldErrors errors = new();
    private OrganisationEditor? editor;
    private FormModel form = new();
    private ExistingOrganisation? duplicate;
    private bool notFound;
    private Core.Domain.Common.Error? refusal;
    private bool saving;

    [Parameter]
    public int? OrganisationId { get; set; }

    [Inject]
    private OrganisationRegister Register { get; set; } = default!;

    [Inject]
    private CurrentStaff CurrentStaff { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool IsNew => OrganisationId is null;

    private string Title => IsNew ? "Ny organisation" : "Ändra organisation och prislista";

    private string CancelHref => OrganisationId is { } id ? AppRoutes.Organisation(id) : AppRoutes.Organisations;

    protected override async Task OnParametersSetAsync()
    {
        errors.Clear();
        duplicate = null;
        var loaded = await Register.GetEditorAsync(await CurrentStaff.GetAsync(), OrganisationId);
        editor = loaded.IsSuccess ? loaded.Value : null;
        refusal = loaded.FirstError is { Code: "right.missing" } missing ? missing : null;
        notFound = editor is null;
        if (editor is not null)
        {
            form = FormModel.From(editor.Input);
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        var actor = await CurrentStaff.GetAsync();
        var input = form.ToInput();
        var result = OrganisationId is { } id
            ? await Register.UpdateAsync(actor, id, editor!.Version, input)
            : await Register.CreateAsync(actor, input);
        saving = false;
        if (!result.IsSuccess)
        {
            errors.Set(result.Errors);
            duplicate = result.Duplicate;
            return;
        }

        Snackbar.Add(IsNew ? "Organisationen registrerades" : "Organisationen sparades", Severity.Success);
        Navigation.NavigateTo(AppRoutes.Organisation(result.OrganisationId));
    }

    private void OnNumberChanged()
    {
        errors.Clear(NumberCodes);
        duplicate = null;
    }

    /// <summary>Says what is wrong with an organisationsnummer as soon as staff leave the field.</summary>
    private void CheckNumber()
    {
        if (!string.IsNullOrWhiteSpace(form.Organisationsnummer) && !Organisationsnummer.TryParse(form.Organisationsnummer, out _, out var error))
        {
            errors.Clear(NumberCodes);
            errors.Add(error);
        }
    }

    private sealed class FormModel
    {
        public string? Name { get; set; }

        public string? Organisationsnummer { get; set; }

        public string? CustomerManagerId { get; set; }

        public bool UsesPreOrders { get; set; }

        public List<PriceListEditor.PriceLine> PriceList { get; init; } = [];

        public static FormModel From(OrganisationInput input) => new()
        {
            Name = input.Name,
            Organisationsnummer = input.Organisationsnummer,
            CustomerManagerId = input.CustomerManagerId,
            UsesPreOrders = input.UsesPreOrders,
            PriceList = input.PriceList.Select(l => new PriceListEditor.PriceLine { ProductId = l.ProductId, Price = l.MonthlyPrice.Kronor }).ToList(),
        };

        public OrganisationInput ToInput() => new(
            Name, Organisationsnummer, CustomerManagerId, UsesPreOrders, PriceList.Select(l => new PriceListLineInput(l.ProductId, Money.FromKronor(l.Price))).ToList());
    }
}
