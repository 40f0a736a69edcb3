using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BrpBlazor.Core.Data.Identity;

/// <summary>
/// One short-lived unit of work on the staff accounts: a context on the selected database and Identity's
/// <see cref="UserManager{TUser}"/> over that same context, so a change and its audit entry share one transaction.
/// </summary>
public sealed class StaffIdentitySession(AsyncServiceScope scope) : IAsyncDisposable
{
    public BrpDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<BrpDbContext>();

    public UserManager<StaffUser> Users { get; } = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>
/// Opens <see cref="StaffIdentitySession"/>s, the way <c>IDbContextFactory</c> opens contexts: a Blazor circuit lives
/// for hours, Identity's context must not. Identity's services are scoped, so each session is its own DI scope
/// pointed at the database of the scope that opens it (a demo sandbox or the real one).
/// </summary>
public sealed class StaffIdentitySessions(IServiceScopeFactory scopeFactory, IBrpDatabase database)
{
    public StaffIdentitySession Open()
    {
        var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseSelection>().Use(database);
        return new StaffIdentitySession(scope);
    }
}
