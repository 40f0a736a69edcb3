using BrpBlazor.App.Components.Shared;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Dialogs.PreOrders;

/// <summary>
/// Skapa förbeställning. <em>Lägg till och ny</em> keeps product and validity and clears the person, for typing a list
/// by hand; the dialog returns how many were added.
/// </summary>
public partial class CreatePreOrderDialog
{
    private readonly List<string> added = [];
    private IReadOnlyList<PreOrderProduct>? products;
    private static readonly string[] ProductCodes = ["preorder.product"];
    private static readonly string[] ValidityCodes = ["preorder.validity"];
    private static readonly string[] NameCodes = ["preorder.name"];
    private static readonly string[] IdentityCodes = ["preorder.identity", "personnummer.", "birthdate."];
    private static readonly string[] EmailCodes = ["email."];
    private static readonly string[] AllFieldCodes = [.. ProductCodes, .. ValidityCodes, .. NameCodes, .. IdentityCodes, .. EmailCodes];

    /// <summary>Core's refusals next to the fields they concern; the rest (rights, duplicates) above the buttons.</summary>
    private readonly FieldErrors errors = new();
    private MudTextField<string>? nameField;
    private int? productId;
    private DateTime? validFrom;
    private DateTime? validTo;
    private string? name;
    private string? identity;
    private string? email;
    private bool busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public int OrganisationId { get; set; }

    /// <summary>Opens the dialog; returns the number of pre-orders added (0 when cancelled).</summary>
    public static async Task<int> ShowAsync(IDialogService dialogs, int organisationId)
    {
        var reference = await dialogs.ShowAsync<CreatePreOrderDialog>(
            "Skapa förbeställning",
            new DialogParameters<CreatePreOrderDialog> { { d => d.OrganisationId, organisationId } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false });
        var result = await reference.Result;
        return result is { Canceled: false, Data: int count } ? count : 0;
    }

    protected override async Task OnInitializedAsync()
    {
        var validity = PreOrderCommands.DefaultValidity(Clock.Today);
        validFrom = validity.Start.ToDateTime(TimeOnly.MinValue);
        validTo = validity.End.ToDateTime(TimeOnly.MinValue);
        var result = await Queries.ProductsAsync(await CurrentStaff.GetAsync(), OrganisationId);
        products = result.IsSuccess ? result.Value : [];
        errors.Set(result.IsSuccess ? [] : result.Errors);
        productId = products.Count == 1 ? products[0].Id : null;
    }

    private async Task AddAsync(bool keepOpen)
    {
        if (productId is null || validFrom is null || validTo is null)
        {
            errors.Set([productId is null ? new Error("preorder.product", "Välj produkt") : new Error("preorder.validity", "Ange giltighetstid")]);
            return;
        }

        busy = true;
        try
        {
            var request = new CreatePreOrderRequest(
                OrganisationId, productId.Value, DateOnly.FromDateTime(validFrom.Value), DateOnly.FromDateTime(validTo.Value),
                name ?? string.Empty, identity ?? string.Empty, email);
            var result = await Commands.CreateAsync(await CurrentStaff.GetAsync(), request);
            if (!result.IsSuccess)
            {
                errors.Set(result.Errors);
                return;
            }

            errors.Clear();
            added.Add(name!.Trim());
            if (!keepOpen)
            {
                Dialog.Close(DialogResult.Ok(added.Count));
                return;
            }

            // Lägg till och ny: product and validity stay, the person is cleared.
            name = identity = email = null;
            if (nameField is not null)
            {
                await nameField.FocusAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void Close()
    {
        if (added.Count > 0)
        {
            Dialog.Close(DialogResult.Ok(added.Count));
        }
        else
        {
            Dialog.Cancel();
        }
    }
}
