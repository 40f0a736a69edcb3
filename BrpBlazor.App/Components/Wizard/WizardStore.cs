using BrpBlazor.App.Infrastructure;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace BrpBlazor.App.Components.Wizard;

/// <summary>Where an unfinished wizard is kept between reloads (the test seam for bUnit).</summary>
public interface IWizardStore
{
    Task<RedeemWizardState?> LoadAsync(string key);

    Task SaveAsync(string key, RedeemWizardState state);

    Task ClearAsync(string key);
}

/// <summary>
/// The tab's session storage, encrypted with Data Protection (it holds a personnummer while registering someone
/// new). It lives as long as the tab: a reload or a lost connection keeps it, closing the tab does not. It belongs to
/// the staff member who started it: their account id is part of the key (and so of the encryption's purpose), so
/// the next person signed in on a shared tablet never gets it; signing out clears the tab's storage as well.
/// </summary>
public sealed class ProtectedSessionWizardStore(ProtectedSessionStorage storage, CurrentStaff currentStaff) : IWizardStore
{
    public async Task<RedeemWizardState?> LoadAsync(string key)
    {
        key = await OwnKeyAsync(key);
        try
        {
            var result = await storage.GetAsync<RedeemWizardState>(key);
            return result.Success ? result.Value : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Stored with a key this server no longer has: start over.
            await storage.DeleteAsync(key);
            return null;
        }
    }

    public async Task SaveAsync(string key, RedeemWizardState state)
    {
        key = await OwnKeyAsync(key);
        try
        {
            await storage.SetAsync(key, state);
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone (closed, reloaded, lost): there is no storage left to write to.
        }
    }

    public async Task ClearAsync(string key)
    {
        key = await OwnKeyAsync(key);
        try
        {
            await storage.DeleteAsync(key);
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its session storage with it.
        }
    }

    /// <summary>The key of this staff member's copy of <paramref name="key"/>.</summary>
    public static string KeyFor(string key, string staffId) => $"{key}:{staffId}";

    private async Task<string> OwnKeyAsync(string key) => KeyFor(key, (await currentStaff.GetAsync()).Id);
}
