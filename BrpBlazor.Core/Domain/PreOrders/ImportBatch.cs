using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.PreOrders;

/// <summary>One confirmed import of a pre-order file: the history kept on the organisation.</summary>
public sealed class ImportBatch
{
    public const int FileNameMaxLength = 260;

    private ImportBatch()
    {
        FileName = string.Empty;
        CreatedBy = string.Empty;
        CreatedByName = string.Empty;
    }

    public int Id { get; private set; }

    public int OrganisationId { get; private set; }

    public int ProductId { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidTo { get; private set; }

    public DateRange Validity => new(ValidFrom, ValidTo);

    public string FileName { get; private set; }

    public string CreatedBy { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int TotalLines { get; private set; }

    public int OkLines { get; private set; }

    public int ErrorLines { get; private set; }

    public int DuplicateLines { get; private set; }

    public int StoredLines { get; private set; }

    public static ImportBatch Create(
        int organisationId, int productId, DateRange validity, string fileName, string createdBy, string createdByName, DateTime createdUtc,
        int totalLines, int okLines, int errorLines, int duplicateLines) => new()
        {
            OrganisationId = organisationId,
            ProductId = productId,
            ValidFrom = validity.Start,
            ValidTo = validity.End,
            FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName,
            CreatedBy = createdBy,
            CreatedByName = createdByName,
            CreatedUtc = createdUtc,
            TotalLines = totalLines,
            OkLines = okLines,
            ErrorLines = errorLines,
            DuplicateLines = duplicateLines,
        };

    public void SetStored(int stored) => StoredLines = stored;
}
