namespace BrpBlazor.App.Infrastructure;

/// <summary>
/// Where a redirect taken from a browser may go: a path on this site, never another host. <c>//evil.example</c> and
/// <c>/\evil.example</c> are protocol-relative URLs to browsers, so they are not local.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal);
}
