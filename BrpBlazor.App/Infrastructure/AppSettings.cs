namespace BrpBlazor.App.Infrastructure;

/// <summary>Settings under "Brp" in appsettings.json.</summary>
public sealed class BrpSettings
{
    public const string Section = "Brp";

    /// <summary>Count the notice period from tomorrow instead of today (domain.md §6.4).</summary>
    public bool NoticeFromTomorrow { get; set; }

    /// <summary>Max months left on an existing private subscription before the redeem wizard stops (BRP's rule).</summary>
    public int MaxMonthsLeftOnPrivate { get; set; } = 3;

    /// <summary>Open charges older than this many days stop the redeem wizard at step 1 (BRP's rule).</summary>
    public int UnpaidDaysBlockRedeem { get; set; } = Core.Application.Redeem.RedeemSettings.DefaultUnpaidDaysBlockRedeem;

    /// <summary>Seed a few organisations, products and people into an empty database.</summary>
    public bool SeedDevelopmentData { get; set; }

    /// <summary>Largest pre-order file accepted, in megabytes.</summary>
    public int MaxImportFileMegabytes { get; set; } = 25;
}
