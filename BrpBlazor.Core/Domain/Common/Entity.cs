namespace BrpBlazor.Core.Domain.Common;

/// <summary>
/// An entity that two tablets may edit at once. SQLite has no rowversion, so the app keeps
/// <see cref="Version"/>: the database context raises it on every save, and a save whose
/// original version no longer matches is refused (optimistic concurrency).
/// </summary>
public abstract class VersionedEntity
{
    public int Version { get; private set; }

    internal void IncrementVersion() => Version++;
}
