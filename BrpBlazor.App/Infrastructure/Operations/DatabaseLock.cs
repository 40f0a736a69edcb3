namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// A running app holds <c>brp.db.lock</c> beside its SQLite file with an exclusive OS lock: a second process on the
/// same file (another app instance, or a restore) is told so instead of racing it. The lock goes with the process,
/// so a killed app leaves nothing to clean up.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream file;

    private DatabaseLock(FileStream file) => this.file = file;

    public static string PathFor(string databasePath) => databasePath + ".lock";

    public static DatabaseLock? TryAcquire(string databasePath)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            return new DatabaseLock(new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
