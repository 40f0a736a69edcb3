using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using Microsoft.AspNetCore.Components;

namespace BrpBlazor.App.Components.Pages.Organisations;

/// <summary>Ny organisation and Ändra organisation och prislista: the details and the price list are saved together.</summary>
public partial class OrganisationEditPage
{
    private static readonly string[] NameCodes = [OrganisationCodes.Name];
    private static readonly string[] NumberCodes = [OrganisationsnummerErrors.Prefix];
    private static readonly string[] ManagerCodes = [OrganisationCodes.Manager];
    private static readonly string[] PriceListCodes = [OrganisationCodes.PriceList];

    /// <summary>Price list messages are shown below the editor with the rest.</summary>
    private static readonly string[] FieldCodes = [.. NameCodes, .. NumberCodes, .. ManagerCodes];

    private OrganisationEditor? editor;
    private FormModel form = new();
    private ExistingOrganisation? duplicate;
    private bool notFound;
    private Core.Domain.Common.Error? refusal;

    [Parameter]
    public int? OrganisationId { get; set; }

    [Inject]
    private OrganisationRegister Register { get; set; } = default!;

    private bool IsNew => OrganisationId is null;

    private string Title => IsNew ? "Ny organisation" : "Ändra organisation och prislista";

    private string CancelHref => OrganisationId is { } id ? AppRoutes.Organisation(id) : AppRoutes.Organisations;

    protected override async Task OnParametersSetAsync()
    {
        Errors.Clear();
        duplicate = null;
        var loaded = await Register.GetEditorAsync(await CurrentStaff.GetAsync(), OrganisationId);
        editor = loaded.IsSuccess ? loaded.Value : null;
        refusal = loaded.FirstError is { Code: Core.Domain.Staff.StaffActor.MissingRightCode } missing ? missing : null;
        notFound = editor is null;
        if (editor is not null)
        {
            form = FormModel.From(editor.Input);
        }
    }

    private async Task SaveAsync()
    {
        var input = form.ToInput();
        var result = await SaveWithAsync(
            actor => OrganisationId is { } id ? Register.UpdateAsync(actor, id, editor!.Version, input) : Register.CreateAsync(actor, input),
            IsNew ? "Organisationen registrerades" : "Organisationen sparades",
            saved => AppRoutes.Organisation(saved.OrganisationId));
        duplicate = result.Duplicate;
    }

    private void OnNumberChanged()
    {
        Errors.Clear(NumberCodes);
        duplicate = null;
    }

    /// <summary>Says what is wrong with an organisationsnummer as soon as staff leave the field.</summary>
    private void CheckNumber()
    {
        if (!string.IsNullOrWhiteSpace(form.Organisationsnummer) && !Organisationsnummer.TryParse(form.Organisationsnummer, out _, out var error))
        {
            Errors.Clear(NumberCodes);
            Errors.Add(error);
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
