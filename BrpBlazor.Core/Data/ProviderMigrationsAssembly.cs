using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BrpBlazor.Core.Data;

/// <summary>
/// The migrations of the provider in use, and only those: SQLite's in <c>Data/Migrations</c>, PostgreSQL's in
/// <c>Data/Migrations/PostgreSql</c>, each with its own model snapshot, all for the one <see cref="BrpDbContext"/>
/// (EF Core would otherwise see two snapshots for one context). <c>dotnet ef migrations add</c> goes through it too,
/// so each provider's next migration is worked out against its own snapshot.
/// </summary>
internal sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext) : IMigrationsAssembly
{
    private readonly Lazy<Found> found = new(() => Find(currentContext.Context));

    public IReadOnlyDictionary<string, TypeInfo> Migrations => found.Value.Migrations;

    public ModelSnapshot? ModelSnapshot => found.Value.Snapshot;

    public Assembly Assembly => typeof(BrpDbContext).Assembly;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase))
        ?? Migrations.Keys.FirstOrDefault(id => string.Equals(NameOf(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    /// <summary>An id is the 14-digit timestamp, an underscore and the name.</summary>
    private static string NameOf(string id) => id.Length > 15 && id[14] == '_' ? id[15..] : id;

    private static Found Find(DbContext context)
    {
        var provider = DatabaseProviders.Of(context)
            ?? throw new InvalidOperationException($"BrpBlazor has no migrations for the provider {context.Database.ProviderName}.");
        var ns = DatabaseProviders.MigrationsNamespace(provider);
        var contextType = context.GetType();
        var types = typeof(BrpDbContext).Assembly.GetConstructibleTypes()
            .Where(t => t.Namespace == ns && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .ToList();
        var migrations = new SortedDictionary<string, TypeInfo>(
            types.Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
                .ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, t => t, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var snapshot = types.Where(t => t.IsSubclassOf(typeof(ModelSnapshot))).Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).SingleOrDefault();
        return new Found(migrations, snapshot);
    }

    private sealed record Found(IReadOnlyDictionary<string, TypeInfo> Migrations, ModelSnapshot? Snapshot);
}

internal static class AssemblyTypes
{
    public static IEnumerable<TypeInfo> GetConstructibleTypes(this Assembly assembly) =>
        assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition);
}
