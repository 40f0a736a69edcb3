using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Shared;

/// <summary>
/// What the register edit pages (person, organisation, product) do the same way: a save goes through Core on behalf
/// of the signed-in staff member, the button is busy meanwhile, refusals land next to the fields they concern, and
/// success is said in a snackbar and may move on to another page (docs/decisions/102).
/// </summary>
public abstract class RegisterFormPage : ComponentBase
{
    [Inject]
    protected CurrentStaff CurrentStaff { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Core's refusals by field.</summary>
    protected FieldErrors Errors { get; } = new();

    /// <summary>True while a save runs: the buttons are off.</summary>
    protected bool Saving { get; private set; }

    /// <summary>
    /// Runs one save. On a refusal its errors are shown and the result is returned for the page to add what it shows
    /// (a duplicate's link); on success <paramref name="done"/> is said and <paramref name="navigateTo"/> opens its page.
    /// </summary>
    protected async Task<TResult> SaveWithAsync<TResult>(Func<StaffActor, Task<TResult>> save, string done, Func<TResult, string>? navigateTo = null)
        where TResult : Result
    {
        Saving = true;
        var result = await save(await CurrentStaff.GetAsync());
        Saving = false;
        if (!result.IsSuccess)
        {
            Errors.Set(result.Errors);
            return result;
        }

        Errors.Clear();
        Snackbar.Add(done, Severity.Success);
        if (navigateTo is not null)
        {
            Navigation.NavigateTo(navigateTo(result));
        }

        return result;
    }
}
