namespace BrpBlazor.Core.Application.Common;

/// <summary>
/// Where uploads and exports are spooled while they are read or sent: files that hold personnummer. A folder of the
/// app's own (mode 0700, files 0600), never the machine's shared temp folder, emptied at start so nothing a crash
/// left behind stays (docs/decisions/065).
/// </summary>
public sealed class PrivateTempFolder
{
    private const string Prefix = "brp-";
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public PrivateTempFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        CreatePrivateFolder(Path);

        foreach (var leftOver in Directory.EnumerateFiles(Path, Prefix + "*.tmp"))
        {
            File.Delete(leftOver);
        }
    }

    public string Path { get; }

    /// <summary>A folder only this user may open (mode 0700), made so if it was there already: key rings, spooled personal data.</summary>
    public static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>A new file only this process's user can read, deleted when it is closed.</summary>
    public FileStream NewFile(string purpose, int bufferSize = 65536)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(System.IO.Path.Combine(Path, $"{Prefix}{purpose}-{Guid.NewGuid():N}.tmp"), options);
    }
}
