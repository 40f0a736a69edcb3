using BrpBlazor.Core.Domain.Common;
using Microsoft.JSInterop;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>
/// Files from Blazor Server to the tablet: the content is written to a temporary file (memory stays flat for a large
/// export), then streamed over the circuit to wwwroot/js/download.js, which saves it (docs/decisions/035).
/// </summary>
public static class FileDownload
{
    /// <summary>
    /// Runs <paramref name="write"/> into a temporary file and sends it when it succeeded (a refusal sends nothing); the
    /// file is deleted afterwards.
    /// </summary>
    public static async Task<Result> SendAsync(IJSRuntime js, string fileName, string contentType, Func<Stream, Task<Result>> write)
    {
        await using var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"brp-download-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var written = await write(file);
        if (!written.IsSuccess)
        {
            return written;
        }

        file.Position = 0;
        using var reference = new DotNetStreamReference(file, leaveOpen: true);
        await js.InvokeVoidAsync("brpDownload", fileName, contentType, reference);
        return written;
    }

    /// <summary>A file name without characters that Windows refuses.</summary>
    public static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        return new string(name.Select(c => invalid.Contains(c) ? '-' : c).ToArray()).Trim();
    }
}
