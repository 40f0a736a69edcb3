using System.Globalization;
using BrpBlazor.App.Components;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Seeding;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace BrpBlazor.App.Infrastructure;

/// <summary>Keeps Program.cs short: every registration and the request pipeline, in one place.</summary>
public static class AppServices
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static WebApplicationBuilder AddBrpApp(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<BrpSettings>(configuration.GetSection(BrpSettings.Section));
        var demo = configuration.GetValue<bool>("Demo:Enabled");
        services.AddSingleton(new DemoModeInfo(demo));

        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, RedactingLoggerFactory>());
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomStart);
        services.AddTransient<MudLocalizer, SwedishMudLocalizer>();

        // The connection string is read when first needed, so tests can point it elsewhere. Demo mode never opens it.
        services.AddSingleton(sp => demo
            ? throw new InvalidOperationException("Demo mode works in sandboxes only; the real database is never opened.")
            : BrpDatabase.ForConnectionString("main", ResolveConnectionString(sp)));
        services.AddBrpCore(sp => sp.GetRequiredService<BrpDatabase>());
        if (demo)
        {
            services.AddHttpContextAccessor();
            services.AddDemoServices(configuration, builder.Environment.ContentRootPath);
        }
        services.AddScoped<CurrentStaff>();
        services.AddScoped<Demo.DemoSession>();
        services.AddSingleton<SearchQueryProtector>();
        services.AddScoped<Components.Wizard.IWizardStore, Components.Wizard.ProtectedSessionWizardStore>();

        services.AddCascadingAuthenticationState();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BrpDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "brp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = AppRoutes.SignIn;
            options.AccessDeniedPath = AppRoutes.AccessDenied;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
        });
        services.AddAuthorization(Policies.Add);

        // A locked account, a removed right or a new password ends open sessions within a minute (decision 043).
        // Demo sign-ins have no account to check against, so demo mode leaves them alone.
        var revalidation = StaffSessionRevalidation.From(configuration);
        services.AddSingleton(revalidation);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = demo ? TimeSpan.FromDays(1) : revalidation.Interval);
        if (!demo)
        {
            services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        }

        return builder;
    }

    /// <summary>Applies migrations, makes sure every right exists as a role, and seeds development data into an empty database.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DemoModeInfo>().Enabled)
        {
            await app.Services.GetRequiredService<DemoSandboxes>().EnsureTemplateAsync();
            return;
        }

        var database = app.Services.GetRequiredService<BrpDatabase>();
        await DatabaseInitializer.MigrateAsync(database.Options);

        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var right in Rights.All)
        {
            if (!await roles.RoleExistsAsync(right.ToString()))
            {
                await roles.CreateAsync(new IdentityRole(right.ToString()));
            }
        }

        var settings = app.Configuration.GetSection(BrpSettings.Section).Get<BrpSettings>() ?? new BrpSettings();
        if (settings.SeedDevelopmentData)
        {
            var clock = scope.ServiceProvider.GetRequiredService<IBusinessClock>();
            var db = scope.ServiceProvider.GetRequiredService<BrpDbContext>();
            await DevelopmentSeed.SeedIfEmptyAsync(db, clock.Today, clock.UtcNow);
        }
    }

    public static WebApplication UseBrpPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.Use(async (context, next) =>
        {
            // The app must not be framed (clickjacking). Interactive pages get the same from Blazor's own option below.
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey("Content-Security-Policy"))
                {
                    context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next();
        });
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Swedish),
            SupportedCultures = [Swedish],
            SupportedUICultures = [Swedish],
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        if (app.Services.GetRequiredService<DemoModeInfo>().Enabled)
        {
            app.UseDemoSandboxes();
            app.MapGet("/demo/" + DemoExercises.ImportFileName, () =>
                Results.File(DemoExercises.ImportFileBytes(), "text/csv; charset=windows-1252", "anställda.csv"));
        }

        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPost(AppRoutes.SignOut, async (SignInManager<StaffUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return Results.LocalRedirect(AppRoutes.SignIn);
        });
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
        return app;
    }

    private static string ResolveConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Brp");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var dataFolder = Path.Combine(sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath, "App_Data");
        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "brp.db")}";
    }
}
