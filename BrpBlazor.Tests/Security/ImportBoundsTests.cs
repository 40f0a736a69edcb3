using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Tests.Security;

/// <summary>What the server holds for import previews (issue 14 points 9 and 12b, docs/decisions/062 and 064).</summary>
public sealed class ImportBoundsTests
{
    [Fact]
    public void Limiter_AllSlotsTaken_RefusesWithoutWaitingUntilOneIsReleased()
    {
        var limiter = new ImportParseLimiter(2);
        var first = limiter.TryEnter();
        var second = limiter.TryEnter();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(limiter.TryEnter());

        first!.Dispose();
        first.Dispose();
        Assert.NotNull(limiter.TryEnter());
        Assert.Null(limiter.TryEnter());
    }

    [Fact]
    public void Limiter_BusyMessage_IsPlainSwedish()
    {
        Assert.StartsWith("Servern är upptagen", ImportParseLimiter.Busy.Message, StringComparison.CurrentCulture);
        Assert.Contains("försök igen om en stund", ImportParseLimiter.Busy.Message, StringComparison.CurrentCulture);
    }

    [Fact]
    public void Preview_ReadForOtherChoices_IsNotForTheChoicesShownNow()
    {
        var validity = new DateRange(new DateOnly(2026, 3, 16), new DateOnly(2026, 6, 16));
        var preview = new ImportPreview("a.csv", new ImportSettings(1, 10, validity), "Företaget AB", "Gym", "UTF-8", ',', false, [], []);

        Assert.True(preview.IsFor(1, 10, validity));
        Assert.False(preview.IsFor(1, 11, validity));
        Assert.False(preview.IsFor(1, 10, new DateRange(validity.Start, validity.End.AddDays(1))));
        Assert.False(preview.IsFor(2, 10, validity));
        Assert.False(preview.IsFor(1, null, validity));
    }
}
