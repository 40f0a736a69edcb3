namespace BrpBlazor.Core.Data;

/// <summary>
/// Per-scope choice of database. The real database is the default; demo mode selects the browser's sandbox,
/// and work done in a new scope on a user's behalf selects the same database as the user's scope.
/// </summary>
public sealed class DatabaseSelection
{
    private Func<IBrpDatabase?>? resolver;

    public IBrpDatabase? Selected { get; private set; }

    public void Use(IBrpDatabase database) => Selected = database;

    /// <summary>A late way to find the database when nothing selected it yet (demo mode: from the circuit's user).</summary>
    public void ResolveWith(Func<IBrpDatabase?> resolve) => resolver = resolve;

    internal IBrpDatabase? Current => Selected ??= resolver?.Invoke();
}

/// <summary>
/// The database of the current scope, decided when it is first used rather than when a service is built, so
/// a demo sandbox chosen by middleware or a circuit handler is always the one used.
/// </summary>
internal sealed class SelectedDatabase(DatabaseSelection selection, Func<IBrpDatabase> fallback) : IBrpDatabase
{
    private IBrpDatabase Database => selection.Current ?? fallback();

    public string Name => Database.Name;

    public Microsoft.EntityFrameworkCore.DbContextOptions<Data.BrpDbContext> Options => Database.Options;
}
