using System.Globalization;
using System.Text.RegularExpressions;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BrpBlazor.App.Components.Shared;

/// <summary>The customer's Swedish words for statuses and kinds, and their chip colours.</summary>
public static partial class Labels
{
    public static string For(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => "aktiv",
        SubscriptionStatus.Frozen => "fryst",
        SubscriptionStatus.Cancelled => "uppsagd",
        SubscriptionStatus.Ended => "avslutad",
        _ => status.ToString(),
    };

    public static Color ColorFor(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => Color.Success,
        SubscriptionStatus.Frozen => Color.Info,
        SubscriptionStatus.Cancelled => Color.Warning,
        _ => Color.Default,
    };

    public static string For(PreOrderDisplayStatus status) => status switch
    {
        PreOrderDisplayStatus.Open => "öppen",
        PreOrderDisplayStatus.Redeemed => "utnyttjad",
        PreOrderDisplayStatus.Withdrawn => "återkallad",
        PreOrderDisplayStatus.Expired => "utgången",
        _ => status.ToString(),
    };

    public static Color ColorFor(PreOrderDisplayStatus status) => status switch
    {
        PreOrderDisplayStatus.Open => Color.Success,
        PreOrderDisplayStatus.Redeemed => Color.Primary,
        PreOrderDisplayStatus.Withdrawn => Color.Default,
        _ => Color.Warning,
    };

    public static string For(ProductKind kind) => kind switch
    {
        ProductKind.Running => "löpande",
        ProductKind.FixedTerm => "tidsbegränsat",
        _ => kind.ToString(),
    };

    public static string For(ChargeKind kind) => kind switch
    {
        ChargeKind.FreezeFee => "Frysningsavgift",
        ChargeKind.UpgradeDifference => "Mellanskillnad uppgradering",
        ChargeKind.FinalPayment => "Slutbetalning",
        ChargeKind.Billing => "Debitering",
        _ => kind.ToString(),
    };

    public static string Date(DateOnly? date, string none = "–") => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? none;

    /// <summary>
    /// <paramref name="text"/>, HTML-encoded, with every date (2026-12-15) in a span that does not wrap: on a phone a
    /// browser breaks a line at a date's hyphen ("2026-12-" / "15"), which reads as two values (decision 140). The text
    /// itself is unchanged, so it reads, copies and is found exactly as before.
    /// </summary>
    public static MarkupString KeepDatesWhole(string? text)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(text ?? string.Empty);
        return new MarkupString(IsoDate().Replace(encoded, "<span class=\"text-nowrap\">$0</span>"));
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    /// <summary>A stored UTC instant as Swedish staff read it: Stockholm time, whatever the server's time zone.</summary>
    public static string Time(DateTime? utc, string none = "–") =>
        utc is { } value
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), StockholmClock.Stockholm).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : none;

    /// <summary>"Byter till Gym Bas från 2027-02-01 (80 kr/mån)", or "–".</summary>
    public static string Scheduled(ScheduledChange? change) =>
        change is null ? "–" : $"Byter till {change.ProductName} från {change.From:yyyy-MM-dd} ({change.MonthlyPrice}/mån)";
}
