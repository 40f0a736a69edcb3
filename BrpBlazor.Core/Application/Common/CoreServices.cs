using BrpBlazor.Core.Application.Organisations;
using BrpBlazor.Core.Application.People;
using BrpBlazor.Core.Application.Products;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Staff;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrpBlazor.Core.Application.Common;

public static class CoreServices
{
    /// <summary>
    /// Registers the Core: the database chosen per scope (<see cref="DatabaseSelection"/>, falling back to
    /// <paramref name="defaultDatabase"/>), the business clock and the application services.
    /// </summary>
    public static IServiceCollection AddBrpCore(this IServiceCollection services, Func<IServiceProvider, IBrpDatabase> defaultDatabase)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChangeFeed, InProcessChangeFeed>();
        services.AddScoped<ScopedChangeFeed>();
        services.AddScoped<DatabaseSelection>();
        services.AddScoped<IBrpDatabase>(sp => new SelectedDatabase(sp.GetRequiredService<DatabaseSelection>(), () => defaultDatabase(sp)));
        services.AddScoped<IDbContextFactory<BrpDbContext>, BrpDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BrpDbContext>>().CreateDbContext());
        services.TryAddScoped<IBusinessClock, StockholmClock>();

        services.AddScoped<PersonSearch>();
        services.AddScoped<PersonOverviewQuery>();
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<Data.Identity.StaffIdentitySessions>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Redeem.RedeemSuggestions>();
        services.AddScoped<Redeem.RedeemService>();
        services.AddScoped<AuditLog.AuditLogQuery>();
        services.AddScoped<PersonRegister>();
        services.AddScoped<OrganisationRegister>();
        services.AddScoped<ProductRegister>();
        services.AddScoped<SubscriptionOperations>();
        services.AddScoped<BillingRuns>();
        services.TryAddSingleton(_ => new PreOrders.ImportParseLimiter(PreOrders.ImportParseLimiter.DefaultMaxConcurrent));
        services.AddScoped<PreOrderQueries>();
        services.AddScoped<PreOrderCommands>();
        services.AddScoped<PreOrderImport>();
        services.TryAddSingleton(new FollowUp.MailSettings());
        services.TryAddSingleton(new FollowUp.SmtpSettings());
        services.AddScoped<FollowUp.MailTexts>();
        services.AddScoped<FollowUp.PreOrderMail>();
        services.AddScoped<FollowUp.FollowUpQueries>();
        services.AddScoped<FollowUp.PreOrderBulkActions>();
        services.AddScoped<FollowUp.StatusFile>();
        return services;
    }
}
