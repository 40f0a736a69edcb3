using BrpBlazor.App.Infrastructure;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Staff;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>
/// The one bUnit base of the project: loose JS interop, MudBlazor with its providers, the Core services on a
/// real SQLite database, a fixed business date, and a signed-in staff member with the rights a test gives.
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected BunitTestBase()
    {
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, SwedishMudLocalizer>();
        Services.AddSingleton(new DemoModeInfo(false));

        // The database is created in InitializeAsync; the lambda reads it when a component first needs it.
        Services.AddBrpCore(_ => Database.Database);
        Services.AddScoped<IBusinessClock>(_ => Clock);
        Services.AddScoped<CurrentStaff>();
        Services.AddScoped<BrpBlazor.App.Components.Dialogs.OpenDialogMemory>();
        Services.AddSingleton(TestSpool.Folder);
        Services.AddMetrics();
        Services.AddSingleton<BrpMetrics>();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<SearchQueryProtector>();
        Services.AddSingleton<BrpBlazor.App.Components.Wizard.IWizardStore>(WizardStore);
        Services.Configure<BrpSettings>(_ => { });
        var auth = AddAuthorization();
        auth.SetAuthorized("Test Testsson");
        auth.SetRoles(Rights.Select(r => r.ToString()).ToArray());
        auth.SetClaims(new System.Security.Claims.Claim(CurrentStaff.DisplayNameClaim, "Test Testsson"));
        auth.SetPolicies(Rights.Select(r => r.ToString()).Concat(Rights.Any(r => r is Right.Supervisor or Right.Admin) ? [Policies.Registers] : []).ToArray());
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected TestDatabase Database { get; private set; } = default!;

    protected TestClock Clock { get; } = new(TestClock.DefaultToday);

    protected InMemoryWizardStore WizardStore { get; } = new();

    /// <summary>The rights of the signed-in staff member; override to change.</summary>
    protected virtual Right[] Rights => [Right.Reception, Right.Organisation, Right.Supervisor];

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
    }

    /// <summary>Renders the providers MudBlazor dialogs, menus and selects need.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        Render<MudDialogProvider>();
        return Render<MudPopoverProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
