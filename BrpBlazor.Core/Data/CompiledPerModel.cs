using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BrpBlazor.Core.Data;

/// <summary>
/// A compiled query for each model it meets. EF Core ties a compiled query to the first model it ran with, and SQLite
/// and PostgreSQL each have their own model of <see cref="BrpDbContext"/> (one process meets both in the tests and the
/// benchmark; an installation one).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
