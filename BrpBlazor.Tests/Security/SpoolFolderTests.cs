using System.Text;
using BrpBlazor.App.Components.Pages.PreOrders;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Tests.TestSupport;

namespace BrpBlazor.Tests.Security;

/// <summary>Uploads and exports with personnummer are spooled in a folder of the app's own, never the shared temp folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SpoolFolderTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"brp-spool-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public void Folder_IsPrivate_AndWhatACrashLeftIsRemovedAtStart()
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        var leftOver = Path.Combine(path, "brp-import-0123.tmp");
        File.WriteAllText(leftOver, "Anna Andersson;19850314-1239");
        var notOurs = Path.Combine(path, "README.txt");
        File.WriteAllText(notOurs, "kept");

        var spool = new PrivateTempFolder(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spool.Path));
        Assert.False(File.Exists(leftOver));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public async Task NewFile_IsReadableByTheAppsUserOnly_AndGoneWhenClosed()
    {
        var spool = new PrivateTempFolder(path);
        string name;
        await using (var file = spool.NewFile("download"))
        {
            name = file.Name;
            await file.WriteAsync(Encoding.UTF8.GetBytes("19850314-1239"));
            Assert.Equal(spool.Path, Path.GetDirectoryName(name));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(name));
        }

        Assert.False(File.Exists(name));
    }

    [Fact]
    public async Task BrowserUpload_IsSpooledInThePrivateFolder_NotInTheSharedTempFolder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var spool = new PrivateTempFolder(path);
        var seen = new List<string>();
        using var watcher = new FileSystemWatcher(spool.Path) { EnableRaisingEvents = true };
        watcher.Created += (_, e) => seen.Add(e.FullPath);
        var import = new PreOrderImport(database.Factory, new TestClock(TestClock.DefaultToday), spool);
        await using (var db = database.Factory.CreateDbContext())
        {
            var product = await TestData.AddProductAsync(db, "Gym Spool");
            var organisation = await TestData.AddOrganisationAsync(db, "Spool AB", (product, 100));
            var settings = new ImportSettings(organisation.Id, product.Id, new DateRange(TestClock.DefaultToday, TestClock.DefaultToday.AddMonths(1)));

            // A browser upload cannot seek, so it is copied to a spool file on the way.
            await using var upload = new UnseekableStream(new MemoryStream(Encoding.UTF8.GetBytes("Anna Andersson;19850314-1239\n")));
            var preview = await import.ParseAsync(Actors.Organisation, upload, "lista.csv", settings);

            Assert.True(preview.IsSuccess);
        }

        await Task.Delay(200);
        Assert.Contains(seen, f => Path.GetFileName(f).StartsWith("brp-import-", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(spool.Path));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\App_Data\\brp.db")]
    [InlineData("/tmp/x: y*?\"<>|.csv")]
    public void DownloadName_FromAFileOrOrganisationName_HasNoPathInIt(string hostile)
    {
        var safe = FileDownload.SafeName(hostile);

        Assert.DoesNotContain('/', safe);
        Assert.DoesNotContain('\\', safe);
        Assert.Equal(safe, Path.GetFileName(safe));
    }
}
