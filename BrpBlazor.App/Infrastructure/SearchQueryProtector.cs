using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace BrpBlazor.App.Infrastructure;

/// <summary>
/// A search text with a personnummer (or birth date) in it must not appear in a URL, where request logs and
/// browser history keep it. Such a query travels in the URL encrypted instead, so the back button and a shared
/// link still work for staff of this app.
/// </summary>
public sealed class SearchQueryProtector(IDataProtectionProvider provider)
{
    public const string PlainParameter = "q";
    public const string ProtectedParameter = "s";

    private readonly IDataProtector protector = provider.CreateProtector("BrpBlazor.SearchQuery.v1");

    /// <summary>Six or more digits may be a personnummer or a birth date: personal data.</summary>
    public static bool IsSensitive(string query) => query.Count(char.IsAsciiDigit) >= 6;

    public string ToUrl(string basePath, string query)
    {
        var trimmed = query.Trim();
        if (trimmed.Length == 0)
        {
            return basePath;
        }

        return IsSensitive(trimmed)
            ? $"{basePath}?{ProtectedParameter}={Uri.EscapeDataString(protector.Protect(trimmed))}"
            : $"{basePath}?{PlainParameter}={Uri.EscapeDataString(trimmed)}";
    }

    public string FromUrl(string? plain, string? protectedQuery)
    {
        if (!string.IsNullOrEmpty(protectedQuery))
        {
            try
            {
                return protector.Unprotect(protectedQuery);
            }
            catch (CryptographicException)
            {
                return string.Empty;
            }
        }

        return plain ?? string.Empty;
    }
}
