namespace BrpBlazor.Core.Application.Common;

/// <summary>
/// Per-scope choice of database. The real database is the default; demo mode selects the browser's sandbox,
/// and work done in a new scope on a user's behalf selects the same database as the user's scope.
/// </summary>
public sealed class DatabaseSelection
{
    public IBrpDatabase? Selected { get; private set; }

    public void Use(IBrpDatabase database) => Selected = database;
}
