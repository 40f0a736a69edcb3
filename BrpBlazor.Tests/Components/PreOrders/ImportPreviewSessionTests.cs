using BrpBlazor.App.Components.Pages.PreOrders;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Tests.Components.PreOrders;

/// <summary>
/// The import page's preview while product, validity or file change during a read (issue 14 point 12b,
/// docs/decisions/064): reads finish in any order, the page keeps only the latest, and confirms only a preview for
/// the choices shown.
/// </summary>
public class ImportPreviewSessionTests
{
    private static readonly DateRange Validity = new(new DateOnly(2026, 3, 16), new DateOnly(2026, 6, 16));

    [Fact]
    public async Task ProductChangedDuringARead_OlderReadFinishesLast_ItsPreviewIsDropped()
    {
        var session = new ImportPreviewSession();
        var forGym = new TaskCompletionSource<ImportPreview>();
        var forFlex = new TaskCompletionSource<ImportPreview>();
        var readingGym = ReadAsync(session, forGym.Task);
        var readingFlex = ReadAsync(session, forFlex.Task);

        forFlex.SetResult(Preview(productId: 11));
        await readingFlex;
        forGym.SetResult(Preview(productId: 10));
        var gymKept = await readingGym;

        Assert.False(gymKept);
        Assert.Equal(11, session.Preview!.Settings.ProductId);
        Assert.Null(session.ForConfirm(1, 10, Validity));
        Assert.Same(session.Preview, session.ForConfirm(1, 11, Validity));
    }

    [Fact]
    public async Task Avbryt_DuringARead_TheReadBringsNoPreviewBack()
    {
        var session = new ImportPreviewSession();
        var reading = new TaskCompletionSource<ImportPreview>();
        var read = ReadAsync(session, reading.Task);

        session.Clear();
        reading.SetResult(Preview(productId: 10));

        Assert.False(await read);
        Assert.Null(session.Preview);
    }

    [Fact]
    public void ForConfirm_PreviewReadForOtherChoicesThanShown_GivesNothingToConfirm()
    {
        var session = new ImportPreviewSession();
        var read = session.BeginRead();
        Assert.True(session.Complete(read, Preview(productId: 10)));

        Assert.NotNull(session.ForConfirm(1, 10, Validity));
        Assert.Null(session.ForConfirm(1, 11, Validity));
        Assert.Null(session.ForConfirm(1, 10, new DateRange(Validity.Start.AddDays(1), Validity.End)));
        Assert.Null(session.ForConfirm(1, 10, null));
        Assert.Null(session.ForConfirm(2, 10, Validity));
    }

    /// <summary>What the page does for one read: begin, await the parse, keep the result if still the latest.</summary>
    private static async Task<bool> ReadAsync(ImportPreviewSession session, Task<ImportPreview> parse)
    {
        var read = session.BeginRead();
        return session.Complete(read, await parse);
    }

    private static ImportPreview Preview(int productId) =>
        new("lista.csv", new ImportSettings(1, productId, Validity), "Företaget AB", $"Produkt {productId}", "UTF-8", ',', false, [], []);
}
