using System.Globalization;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BrpBlazor.App.Components.Wizard;

public enum WizardStep
{
    NewPerson,
    Organisation,
    Identification,
    Contact,
    Product,
    Confirm,
}

/// <summary>
/// Holds the wizard's state and decides when a step may be left; the rules themselves are Core's
/// (<see cref="RedeemService"/>, <see cref="RedeemSuggestions"/>). Nothing is saved before Slutför.
/// </summary>
public sealed partial class RedeemWizard : IDisposable
{
    private static readonly WizardStep[] ExistingPersonSteps = [WizardStep.Organisation, WizardStep.Identification, WizardStep.Contact, WizardStep.Product, WizardStep.Confirm];
    private static readonly WizardStep[] NewPersonSteps = [WizardStep.NewPerson, WizardStep.Organisation, WizardStep.Identification, WizardStep.Product, WizardStep.Confirm];

    private WizardStep[] steps = ExistingPersonSteps;
    private bool loaded;
    private bool busy;
    private bool finishing;

    // Set once the wizard is left (Avbryt, Slutför, or its page disposed). Disposing the stepper removes its steps
    // one by one, and MudStepper reports each removal as a step change: none of that may reach the stored state.
    private bool left;
    private bool maySupervise;
    private StaffActor actor = default!;
    private DateOnly today;
    private Person? person;
    private int? existingPersonId;
    private IReadOnlyList<PreOrderSuggestion> suggestions = [];
    private PrivateMembershipCheck privateMembership = PrivateMembershipCheck.Clear;
    private PersonStanding standing = PersonStanding.Clear;
    private ProductStepModel? products;

    /// <summary>The Bekräfta step's preview by the rules Slutför applies; Slutför is on only when it may confirm.</summary>
    private RedemptionPreview? preview;
    private Error? error;

    /// <summary>Another tablet redeemed the pre-order first: Slutför stays off, and this is where it went.</summary>
    private bool taken;
    private RedeemOutcome? winner;

    [Inject]
    private RedeemService Redeem { get; set; } = default!;

    [Inject]
    private RedeemSuggestions Suggestions { get; set; } = default!;

    [Inject]
    private PersonOverviewQuery People { get; set; } = default!;

    [Inject]
    private IWizardStore Store { get; set; } = default!;

    [Inject]
    private BrpMetrics Metrics { get; set; } = default!;

    [Inject]
    private IBusinessClock Clock { get; set; } = default!;

    [Inject]
    private CurrentStaff CurrentStaff { get; set; } = default!;

    [Inject]
    private IOptions<BrpSettings> Settings { get; set; } = default!;

    [Inject]
    private SearchQueryProtector QueryProtector { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The person in the register; null when registering someone new.</summary>
    [Parameter]
    public int? PersonId { get; set; }

    /// <summary>Registering someone new may start from a pre-order (the walk-in employee).</summary>
    [Parameter]
    public int? StartFromPreOrderId { get; set; }

    /// <summary>The encrypted search (<c>?s=</c>) for the personnummer that found the pre-order: without it, nothing is prefilled.</summary>
    [Parameter]
    public string? StartFromSearch { get; set; }

    public RedeemWizardState State { get; private set; } = new();

    private WizardStep CurrentStep => steps[Math.Clamp(State.Step, 0, steps.Length - 1)];

    private string StoreKey => PersonId is { } id ? $"brp-redeem-{id}" : "brp-register";

    private RedeemSettings RedeemSettings => new(Settings.Value.MaxMonthsLeftOnPrivate, Settings.Value.NoticeFromTomorrow, Settings.Value.UnpaidDaysBlockRedeem);

    private ProductChoice? ChosenProduct => products?.Choices.FirstOrDefault(c => c.ProductId == State.ProductId);

    // The first render (and so OnAfterRenderAsync) comes as soon as OnInitializedAsync awaits: on PostgreSQL the
    // person is often not loaded by then. The wizard's state is built only once it is, or it had no identity to
    // suggest organisations for (0 suggestions on a busy machine).
    private Task initialized = Task.CompletedTask;

    protected override Task OnInitializedAsync() => initialized = InitializeAsync();

    private async Task InitializeAsync()
    {
        today = Clock.Today;
        actor = await CurrentStaff.GetAsync();
        maySupervise = actor.Has(Right.Supervisor);
        steps = PersonId is null ? NewPersonSteps : ExistingPersonSteps;
        if (PersonId is { } id)
        {
            var overview = await People.GetAsync(actor, id);
            person = overview.IsSuccess ? overview.Value.Person : null;
            error = overview.FirstError;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await initialized;

        // Browser storage is only reachable once interactive: restore an unfinished wizard after a reload.
        var stored = await Store.LoadAsync(StoreKey);
        State = stored is not null && stored.PersonId == PersonId && stored.NewPerson == (PersonId is null) && stored.Step >= 0 && stored.Step < steps.Length
            ? stored
            : await NewStateAsync();
        await EnterStepAsync();
        loaded = true;
        StateHasChanged();
    }

    private async Task<RedeemWizardState> NewStateAsync()
    {
        var state = new RedeemWizardState { PersonId = PersonId, NewPerson = PersonId is null, StartDate = today };
        if (person is not null)
        {
            state.Email = person.Email;
            state.Phone = person.Phone;
        }
        else if (StartFromPreOrderId is { } preOrderId && SearchedPersonnummer() is { } searched
                 && await Redeem.PreOrderStartAsync(actor, searched, preOrderId) is { IsSuccess: true } started)
        {
            var start = started.Value;
            var (first, last) = PersonName.Split(start.Name);
            state.FirstName = first;
            state.LastName = last;
            state.PersonnummerText = start.PersonnummerText;
            state.BirthDateText = start.PersonnummerText is null ? start.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            state.Email = start.Email;
        }

        return state;
    }

    private Personnummer? SearchedPersonnummer() =>
        Personnummer.TryParse(QueryProtector.FromUrl(null, StartFromSearch), today, out var searched, out _) ? searched : null;

    private static string Title(WizardStep step) => step switch
    {
        WizardStep.NewPerson => "Personuppgifter",
        WizardStep.Organisation => "Sök organisation",
        WizardStep.Identification => "Legitimering",
        WizardStep.Contact => "Personuppgifter",
        WizardStep.Product => "Produkt",
        _ => "Bekräfta",
    };

    private bool IsComplete(WizardStep step) => Array.IndexOf(steps, step) < State.Step && CanLeave(step);

    /// <summary>Whether the staff member may go on from a step.</summary>
    private bool CanLeave(WizardStep step) => step switch
    {
        WizardStep.NewPerson => NewPersonDetails(out _) is not null && existingPersonId is null,
        WizardStep.Organisation => State.OrganisationId is not null && !standing.IsBlocked
            && ((!privateMembership.Blocks && !standing.HasOverdueCharges) || OverrideGiven),
        WizardStep.Identification => State.IdentityChecked,
        WizardStep.Contact => EmailAddress.IsValidOrEmpty(State.Email),
        WizardStep.Product => ChosenProduct is not null,
        WizardStep.Confirm => preview is { CanConfirm: true },
        _ => false,
    };

    private bool OverrideGiven => maySupervise && !string.IsNullOrWhiteSpace(State.OverrideReason);

    /// <summary>The new person's details when they are complete and valid, checked as the person form checks them.</summary>
    private PersonDetails? NewPersonDetails(out Personnummer? personnummer)
    {
        var details = new PersonInput(State.FirstName, State.LastName, State.PersonnummerText, State.BirthDateText, State.Email, State.Phone).ToDetails(today);
        personnummer = details.IsSuccess ? details.Value.Personnummer : null;
        return details.IsSuccess ? details.Value : null;
    }

    private RedeemIdentity? Identity()
    {
        if (person is not null)
        {
            return RedeemIdentity.Of(person);
        }

        var details = NewPersonDetails(out _);
        return details is null ? null : new RedeemIdentity(details.Personnummer, details.Personnummer?.BirthDate ?? details.BirthDate, $"{details.FirstName} {details.LastName}");
    }

    private Task PreviewStepChange(StepperInteractionEventArgs args)
    {
        // Going back is always allowed; going forward only over steps that are done.
        if (args.StepIndex > State.Step && Enumerable.Range(0, args.StepIndex).Any(i => !CanLeave(steps[i])))
        {
            args.Cancel = true;
        }

        return Task.CompletedTask;
    }

    private async Task NextAsync()
    {
        busy = true;
        error = null;
        if (CurrentStep == WizardStep.NewPerson && NewPersonDetails(out var pnr) is not null && pnr is { } number)
        {
            var found = await Redeem.FindPersonAsync(actor, number);
            existingPersonId = found.IsSuccess ? found.Value : null;
            if (!found.IsSuccess)
            {
                error = found.FirstError;
                busy = false;
                return;
            }

            if (existingPersonId is { } id)
            {
                error = RedeemErrors.PersonExists(id);
                busy = false;
                return;
            }
        }

        if (CanLeave(CurrentStep))
        {
            State.Step++;
            await EnterStepAsync();
            await SaveAsync();
        }

        busy = false;
    }

    private async Task StepClickedAsync(int index)
    {
        if (left || index == State.Step || index < 0 || index >= steps.Length)
        {
            return;
        }

        error = null;
        State.Step = index;
        await EnterStepAsync();
        await SaveAsync();
    }

    private async Task BackAsync()
    {
        error = null;
        State.Step = Math.Max(0, State.Step - 1);
        await EnterStepAsync();
        await SaveAsync();
    }

    /// <summary>Loads what the step shows: suggestions and the private-member check, or the products.</summary>
    private async Task EnterStepAsync()
    {
        var identity = Identity();
        if (CurrentStep == WizardStep.Organisation && identity is not null)
        {
            suggestions = await SuggestionsAsync(identity);
            privateMembership = PersonId is { } id ? Value(await Redeem.CheckPrivateMembershipAsync(actor, id, RedeemSettings), PrivateMembershipCheck.Clear) : PrivateMembershipCheck.Clear;
            standing = PersonId is { } personId ? Value(await Redeem.CheckStandingAsync(actor, personId, RedeemSettings), PersonStanding.Clear) : PersonStanding.Clear;
        }

        if (CurrentStep is WizardStep.Product or WizardStep.Confirm && State.OrganisationId is { } organisationId && identity is not null)
        {
            var choices = await Redeem.ProductChoicesAsync(actor, organisationId, identity);
            products = choices.IsSuccess ? choices.Value : null;
            error = choices.FirstError ?? error;
            if (suggestions.Count == 0)
            {
                suggestions = await SuggestionsAsync(identity);
            }

            if (products is not null && products.LockedByPreOrder && products.Choices.Count == 1)
            {
                await ProductChangedAsync(products.Choices[0].ProductId);
            }
        }

        await PreviewAsync();
    }

    /// <summary>On Bekräfta: what Slutför would create and what stands in the way, recomputed on every change.</summary>
    private async Task PreviewAsync()
    {
        if (CurrentStep != WizardStep.Confirm || Request() is not { } request || Identity() is not { } identity)
        {
            preview = null;
            return;
        }

        // The last preview stays on screen while the next is computed, so a reason being typed keeps its field.
        var result = await Redeem.PreviewAsync(actor, PersonId, identity, request, RedeemSettings);
        preview = result.IsSuccess ? result.Value : null;
        error = result.FirstError ?? error;
    }

    private RedeemRequest? Request() =>
        State is { OrganisationId: { } organisationId, ProductId: { } productId, StartDate: { } startDate }
            ? new RedeemRequest(organisationId, State.PreOrderId, productId, startDate, State.IdentityChecked, State.Email, State.Phone, State.OverrideReason, State.PreOrderVersion)
            : null;

    private async Task<IReadOnlyList<PreOrderSuggestion>> SuggestionsAsync(RedeemIdentity identity) =>
        Value<IReadOnlyList<PreOrderSuggestion>>(await Suggestions.ForAsync(actor, identity, today), []);

    /// <summary>A read's value, or <paramref name="fallback"/> with its refusal shown.</summary>
    private T Value<T>(Result<T> result, T fallback)
    {
        if (result.IsSuccess)
        {
            return result.Value;
        }

        error = result.FirstError;
        return fallback;
    }

    private async Task ProductChangedAsync(int? productId)
    {
        State.ProductId = productId;
        var choice = ChosenProduct;
        State.PreOrderId = choice?.PreOrderId;
        State.PreOrderVersion = suggestions.FirstOrDefault(s => s.PreOrderId == choice?.PreOrderId)?.PreOrderVersion;
        await SaveAsync();
    }

    private async Task StateChangedAsync()
    {
        existingPersonId = null;
        error = null;
        await PreviewAsync();
        await SaveAsync();
    }

    private Task SaveAsync() => left ? Task.CompletedTask : Store.SaveAsync(StoreKey, State);

    public void Dispose() => left = true;

    private async Task CancelAsync()
    {
        // Avbryt saves nothing.
        left = true;
        await Store.ClearAsync(StoreKey);
        Navigation.NavigateTo(PersonId is { } id ? AppRoutes.Person(id) : AppRoutes.People);
    }

    private async Task FinishAsync()
    {
        finishing = true;
        error = null;
        actor = await CurrentStaff.GetAsync();
        var request = Request()!;
        var result = PersonId is { } id
            ? await Redeem.FinishAsync(actor, id, request, RedeemSettings)
            : NewPersonDetails(out _) is { } details
                ? await Redeem.RegisterAndFinishAsync(actor, details, request, RedeemSettings)
                : RedeemErrors.PersonDetailsIncomplete;
        finishing = false;
        if (!result.IsSuccess)
        {
            Metrics.Redeem(result.FirstError?.Code ?? "refused");
            error = result.FirstError;
            if (error?.Code == RedeemErrors.AlreadyRedeemedByOther.Code)
            {
                taken = true;
                winner = State.PreOrderId is { } preOrderId ? await Redeem.RedeemedAsAsync(actor, preOrderId) : null;
            }

            return;
        }

        Metrics.Redeem("redeemed");
        left = true;
        await Store.ClearAsync(StoreKey);
        Snackbar.Add($"Klart: {ChosenProduct?.Name} genom {State.OrganisationName}", Severity.Success);
        Navigation.NavigateTo(AppRoutes.Person(result.Value.PersonId));
    }
}
