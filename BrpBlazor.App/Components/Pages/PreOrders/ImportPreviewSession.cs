using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.App.Components.Pages.PreOrders;

/// <summary>
/// The import page's one preview (a circuit holds no more). Product, validity and file can change while a file is
/// being read, so each read is numbered: only the latest read's preview is kept, one overtaken by a newer read (or
/// by Avbryt) is dropped when it finishes, and a preview is handed out for confirming only for the choices shown
/// (docs/decisions/062, 064).
/// </summary>
public sealed class ImportPreviewSession
{
    private int latest;

    public ImportPreview? Preview { get; private set; }

    /// <summary>Starts a read: the preview shown so far is forgotten and any read still running is overtaken.</summary>
    public int BeginRead()
    {
        Preview = null;
        return ++latest;
    }

    public bool IsLatest(int read) => read == latest;

    /// <summary>Keeps <paramref name="preview"/> if no newer read began since <paramref name="read"/>; true when kept.</summary>
    public bool Complete(int read, ImportPreview preview)
    {
        if (!IsLatest(read))
        {
            return false;
        }

        Preview = preview;
        return true;
    }

    /// <summary>Avbryt, or a confirmed import: no preview, and a read still running will not bring one back.</summary>
    public void Clear()
    {
        latest++;
        Preview = null;
    }

    /// <summary>The preview to confirm, only when it was read for the organisation, product and validity shown now.</summary>
    public ImportPreview? ForConfirm(int organisationId, int? productId, DateRange? validity) =>
        Preview is { } preview && preview.IsFor(organisationId, productId, validity) ? preview : null;
}
