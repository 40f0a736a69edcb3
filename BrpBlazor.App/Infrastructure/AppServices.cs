using System.Globalization;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.App.Infrastructure.Operations;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Application.Seeding;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Data.Identity;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace BrpBlazor.App.Infrastructure;

/// <summary>Keeps Program.cs short: every registration and the request pipeline, in one place.</summary>
public static class AppServices
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>
    /// A published app is a folder with its wwwroot beside the executable: that folder is its content root, wherever
    /// it is started from (a shell in another folder, a unit without WorkingDirectory). A build (dotnet run, the tests)
    /// keeps the usual content root.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) && Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is null
            ? new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
            : new WebApplicationOptions { Args = args };

    /// <summary>The installation's settings file, beside the executable.</summary>
    public const string InstallationSettingsFile = "brpblazor.json";

    public static WebApplicationBuilder AddBrpApp(this WebApplicationBuilder builder)
    {
        AddInstallationSettings(builder.Configuration);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<BrpSettings>().Bind(configuration.GetSection(BrpSettings.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BrpSettings>, BrpSettingsValidator>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue($"{BrpSettings.Section}:{nameof(BrpSettings.ShutdownSeconds)}", 15)));
        services.AddSingleton<ServerRestartNotice>();
        builder.AddBrpTelemetry();
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
            : BrpDatabase.For(
                DatabaseLocation.Provider(sp.GetRequiredService<IConfiguration>()),
                "main",
                DatabaseLocation.ConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>()),
                sp.GetRequiredService<AuditObserver>()));
        services.AddBrpHealth(demo);
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(Core.Application.FollowUp.SmtpSettings.Section).Get<Core.Application.FollowUp.SmtpSettings>() ?? new());
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(Core.Application.FollowUp.MailSettings.Section).Get<Core.Application.FollowUp.MailSettings>() ?? new());
        services.AddBrpCore(sp => sp.GetRequiredService<BrpDatabase>());
        if (!demo && DatabaseLocation.Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            // Several servers on one database: open pages hear of changes saved on any of them (decision 133).
            services.AddSingleton(sp => new PostgreSqlChangeFeed(
                DatabaseLocation.ConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>()),
                sp.GetRequiredService<BrpDatabase>().Name,
                sp.GetRequiredService<ILogger<PostgreSqlChangeFeed>>()));
            services.Replace(ServiceDescriptor.Singleton<IChangeFeed>(sp => sp.GetRequiredService<PostgreSqlChangeFeed>()));
            services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlChangeFeed>());
        }

        if (!demo)
        {
            // Demo mode never sends: its outbox is only shown (docs/decisions/121).
            services.AddHostedService<Mail.OutboxBackgroundSender>();
        }

        if (demo)
        {
            services.AddHttpContextAccessor();
            services.AddDemoServices(configuration, builder.Environment.ContentRootPath);
        }
        services.AddScoped<CurrentStaff>();
        services.AddScoped<Demo.DemoSession>();
        services.AddSingleton<SearchQueryProtector>();
        var spool = SpoolFolderOf(configuration, builder.Environment);
        services.AddSingleton(_ => new PrivateTempFolder(spool));
        builder.AddBrpWebSecurity(demo);
        services.AddScoped<Components.Dialogs.OpenDialogMemory>();
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
        var httpsOnly = WebSecurity.HttpsOnly(builder);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = demo ? WebSecurity.DemoAuthCookie : WebSecurity.AuthCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

            // A sign-in made by demo mode never counts here, whatever key ring it came with (docs/decisions/066).
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (!demo && context.Principal?.HasClaim(c => c.Type == DemoMode.SandboxClaim) == true)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validate(context);
            };
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

        // One transaction (the write lock), so servers starting together on one PostgreSQL create each role once.
        await using (var transaction = await scope.ServiceProvider.GetRequiredService<BrpDbContext>().Database.BeginTransactionAsync())
        {
            foreach (var right in Rights.All)
            {
                if (!await roles.RoleExistsAsync(right.ToString()))
                {
                    await roles.CreateAsync(new IdentityRole(right.ToString()));
                }
            }

            await transaction.CommitAsync();
        }

        // Made-up people (with Luhn-valid personnummer that may be someone's) belong in a developer's database only.
        var settings = app.Configuration.GetSection(BrpSettings.Section).Get<BrpSettings>() ?? new BrpSettings();
        if (settings.SeedDevelopmentData && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("Brp:SeedDevelopmentData is ignored outside Development: sample people are never added to a real database");
        }
        else if (settings.SeedDevelopmentData)
        {
            var clock = scope.ServiceProvider.GetRequiredService<IBusinessClock>();
            var db = scope.ServiceProvider.GetRequiredService<BrpDbContext>();
            await DevelopmentSeed.SeedIfEmptyAsync(db, clock.Today, clock.UtcNow);
        }
    }

    public static WebApplication UseBrpPipeline(this WebApplication app)
    {
        // The open-circuits gauge exists from the start, at 0, not only once a tablet connects.
        _ = app.Services.GetRequiredService<OpenCircuits>();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseBrpWebSecurity();
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
        app.MapBrpHealth();
        app.MapBrpMetrics();
        // Signing out clears the tab's storage too (an unfinished wizard holds a member's details), so the next
        // person on a shared tablet finds nothing of the last one's. The form carries an antiforgery token.
        app.MapPost(AppRoutes.SignOut, async (HttpContext context, SignInManager<StaffUser> signInManager, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signInManager.SignOutAsync();
            context.Response.Headers["Clear-Site-Data"] = "\"storage\"";
            return Results.LocalRedirect(AppRoutes.SignIn);
        }).DisableAntiforgery();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
        return app;
    }

    /// <summary>
    /// The real database is this process's alone while it runs (a second instance or a restore is told so); null
    /// when it was free, otherwise the line that says why the app cannot start.
    /// </summary>
    public static string? LockDatabase(this WebApplication app)
    {
        // Several servers share one PostgreSQL database by design; a SQLite file is one process's.
        if (app.Services.GetRequiredService<DemoModeInfo>().Enabled || DatabaseLocation.Provider(app.Configuration) != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connectionString = DatabaseLocation.ConnectionString(app.Configuration, app.Environment);
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var held = DatabaseLock.TryAcquire(path);
        if (held is null)
        {
            return $"BrpBlazor cannot start: the database {path} is in use by another BrpBlazor process (or a restore).";
        }

        app.Lifetime.ApplicationStopped.Register(held.Dispose);
        return null;
    }

    /// <summary>
    /// An installation's own settings, <c>brpblazor.json</c> beside the program and never part of it: an upgrade
    /// replaces the program files and leaves it alone. Environment variables and the command line still win over it.
    /// </summary>
    public static void AddInstallationSettings(ConfigurationManager configuration)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, InstallationSettingsFile), optional: true, reloadOnChange: false);
        var overriding = configuration.Sources
            .Where(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource or Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource)
            .ToList();
        foreach (var source in overriding)
        {
            configuration.Sources.Remove(source);
            configuration.Sources.Add(source);
        }
    }

    /// <summary>The private spool folder: Brp:TempFolder, or App_Data/tmp (demo mode: its own folder's tmp).</summary>
    public static string SpoolFolderOf(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[$"{BrpSettings.Section}:{nameof(BrpSettings.TempFolder)}"] is { Length: > 0 } configured
            ? configured
            : configuration.GetValue<bool>("Demo:Enabled")
                ? Path.Combine(DemoMode.FolderOf(configuration, environment.ContentRootPath), "tmp")
                : Path.Combine(environment.ContentRootPath, "App_Data", "tmp");
}
