using System.Text.Json;
using BrpBlazor.App.Components.Wizard;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>The wizard's browser storage for component tests: serialised like the real one, kept in memory.</summary>
public sealed class InMemoryWizardStore : IWizardStore
{
    private readonly Dictionary<string, string> items = [];

    public IReadOnlyCollection<string> Keys => items.Keys;

    public Task<RedeemWizardState?> LoadAsync(string key) =>
        Task.FromResult(items.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<RedeemWizardState>(json) : null);

    public Task SaveAsync(string key, RedeemWizardState state)
    {
        items[key] = JsonSerializer.Serialize(state);
        return Task.CompletedTask;
    }

    public Task ClearAsync(string key)
    {
        items.Remove(key);
        return Task.CompletedTask;
    }
}
