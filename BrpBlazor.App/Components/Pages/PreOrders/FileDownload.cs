using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.Common;
using Microsoft.JSInterop;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>
/// Files from Blazor Server to the tablet: the content is written to a file in the app's private spool folder (memory stays flat for a large
/// export), then streamed over the circuit to wwwroot/js/download.js, which saves it (docs/decisions/035).
/// </summary>
public static class FileDownload
{
    /// <summary>
    /// Runs <paramref name="write"/> into a temporary file and sends it when it succeeded (a refusal sends nothing); the
    /// file is deleted afterwards.
    /// </summary>
    public static async Task<Result> SendAsync(IJSRuntime js, PrivateTempFolder spool, string fileName, string contentType, Func<Stream, Task<Result>> write)
    {
        await using var file = spool.NewFile("download");
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
