namespace BrpBlazor.Tests.TestSupport;

/// <summary>A folder of one test's own under the temp folder, deleted afterwards (SQLite's pooled handles first).</summary>
public sealed class TempFolder(string purpose) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"brp-{purpose}-{Guid.NewGuid():N}");

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
