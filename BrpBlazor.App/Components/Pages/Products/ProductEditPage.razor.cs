using BrpBlazor.Core.Application.Products;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Pages.Products;

/// <summary>Ny produkt and one product: edit, retire, reinstate, delete. The rules are <see cref="ProductRegister"/>'s.</summary>
public partial class ProductEditPage
{
    private static readonly string[] FieldCodes =
        [ProductCodes.Name, ProductCodes.Price, ProductCodes.Interval, ProductCodes.Binding, ProductCodes.Term, ProductCodes.Notice, FreezeRuleCodes.Prefix];

    private FormModel form = new();
    private ProductView? view;
    private bool loaded;
    private bool notFound;

    [Parameter]
    public int? ProductId { get; set; }

    [Inject]
    private ProductRegister Register { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool IsNew => ProductId is null;

    private string Title => view?.Product.Name ?? "Ny produkt";

    /// <summary>Subscriptions keep the terms they were sold on (the Core refuses the change too).</summary>
    private bool TermsLocked => view?.Usage.Subscriptions > 0;

    protected override async Task OnParametersSetAsync()
    {
        Errors.Clear();
        if (ProductId is { } id)
        {
            await LoadAsync(id);
        }

        loaded = true;
    }

    private async Task LoadAsync(int id)
    {
        view = await Register.GetAsync(id);
        notFound = view is null;
        if (view is not null)
        {
            form = FormModel.From(view.Product.ToDetails());
        }
    }

    private async Task SaveAsync()
    {
        var details = form.ToDetails();
        if (view is null)
        {
            await RunAsync(actor => Register.CreateAsync(actor, details), "Produkten skapades", created => AppRoutes.Product(created.Value));
        }
        else
        {
            await RunAsync(actor => Register.UpdateAsync(actor, view.Product.Id, view.Product.Version, details), "Produkten sparades");
        }
    }

    private Task RetireAsync() =>
        RunAsync(actor => Register.RetireAsync(actor, view!.Product.Id, view.Product.Version), "Produkten är utgången och erbjuds inte längre");

    private Task ReinstateAsync() =>
        RunAsync(actor => Register.ReinstateAsync(actor, view!.Product.Id, view.Product.Version), "Produkten erbjuds igen");

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Ta bort produkt", $"Vill du ta bort {view!.Product.Name}? Det går inte att ångra.", yesText: "Ta bort", cancelText: "Avbryt");
        if (confirmed == true)
        {
            await RunAsync(actor => Register.DeleteAsync(actor, view.Product.Id, view.Product.Version), "Produkten togs bort", _ => AppRoutes.Products);
        }
    }

    /// <summary>Runs one Core operation: its refusals go next to the fields, success reloads or moves on.</summary>
    private async Task RunAsync<TResult>(Func<Core.Domain.Staff.StaffActor, Task<TResult>> operation, string done, Func<TResult, string>? navigateTo = null)
        where TResult : Result
    {
        var result = await SaveWithAsync(operation, done, navigateTo);
        if (result.IsSuccess && navigateTo is null && view is not null)
        {
            await LoadAsync(view.Product.Id);
        }
    }

    private sealed class FormModel
    {
        public string? Name { get; set; }

        public ProductKind Kind { get; set; }

        public decimal MonthlyPriceKronor { get; set; }

        public int BillingIntervalMonths { get; set; } = 1;

        public int BindingMonths { get; set; }

        public int NoticeMonths { get; set; } = 1;

        public bool IsAddOn { get; set; }

        public bool AllowedAsPreOrderProduct { get; set; }

        public bool AllowsDowngradeDuringBinding { get; set; }

        public FreezeRuleModel Freeze { get; init; } = new();

        public static FormModel From(ProductDetails details) => new()
        {
            Name = details.Name,
            Kind = details.Kind,
            MonthlyPriceKronor = details.MonthlyPrice.Kronor,
            BillingIntervalMonths = details.BillingIntervalMonths,
            BindingMonths = details.BindingMonths,
            NoticeMonths = details.NoticeMonths,
            IsAddOn = details.IsAddOn,
            AllowedAsPreOrderProduct = details.AllowedAsPreOrderProduct,
            AllowsDowngradeDuringBinding = details.AllowsDowngradeDuringBinding,
            Freeze = FreezeRuleModel.From(details.FreezeRule),
        };

        public ProductDetails ToDetails() => new(
            Name ?? string.Empty,
            Kind,
            Money.FromKronor(MonthlyPriceKronor),
            BillingIntervalMonths,
            BindingMonths,
            NoticeMonths,
            IsAddOn,
            AllowedAsPreOrderProduct && !IsAddOn,
            Freeze.ToRule(),
            AllowsDowngradeDuringBinding);
    }
}
