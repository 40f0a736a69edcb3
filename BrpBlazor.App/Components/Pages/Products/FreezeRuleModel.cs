using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Products;

namespace BrpBlazor.App.Components.Pages.Products;

/// <summary>The freeze rule as the form holds it; a product that may not be frozen keeps the last typed values hidden.</summary>
public sealed class FreezeRuleModel
{
    public bool Allowed { get; set; }

    public int MinDays { get; set; } = 7;

    public int MaxDays { get; set; } = 90;

    public int MaxPerYear { get; set; } = 2;

    public decimal FeeKronor { get; set; }

    public static FreezeRuleModel From(FreezeRule rule) => rule.AllowsFreezing
        ? new() { Allowed = true, MinDays = rule.MinDays, MaxDays = rule.MaxDays, MaxPerYear = rule.MaxPerYear, FeeKronor = rule.Fee.Kronor }
        : new();

    public FreezeRule ToRule() => Allowed ? new FreezeRule(MinDays, MaxDays, MaxPerYear, Money.FromKronor(FeeKronor)) : FreezeRule.NotAllowed;
}
