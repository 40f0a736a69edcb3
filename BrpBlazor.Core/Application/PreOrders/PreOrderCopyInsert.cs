using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// PostgreSQL's side of <see cref="PreOrderBulkInsert"/>: the rows of one import go in through one binary
/// <c>COPY … FROM STDIN</c> (Npgsql's binary importer) inside the import's transaction, so they are stored all
/// together or not at all, at the speed of <c>psql \copy</c> (docs/decisions/132). Table and column names come from the
/// EF model; the values are the ones EF Core writes.
/// </summary>
internal static class PreOrderCopyInsert
{
    /// <summary>Columns every row of one import shares, before and after the file's own (PreOrderFileSchema.StoredPerLine).</summary>
    private static readonly string[] SharedBefore = [nameof(PreOrder.OrganisationId), nameof(PreOrder.ProductId), nameof(PreOrder.ValidFrom), nameof(PreOrder.ValidTo)];

    private static readonly string[] SharedAfter =
    [
        nameof(PreOrder.Source), nameof(PreOrder.ImportBatchId), nameof(PreOrder.Status), nameof(PreOrder.CreatedBy), nameof(PreOrder.CreatedUtc),
        nameof(PreOrder.Version),
    ];

    private static readonly string[] Columns = [.. SharedBefore, .. PreOrderFileSchema.StoredPerLine.Select(c => c.Property), .. SharedAfter];

    /// <summary>Inserts the rows of one import; <paramref name="afterRow"/> is a test seam (the 1-based count after each row).</summary>
    public static async Task<int> InsertAsync(BrpDbContext db, IEnumerable<PreOrder> rows, Action<int>? afterRow, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not NpgsqlTransaction)
        {
            throw new InvalidOperationException("The bulk insert runs inside the import's transaction.");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(CopySql(db.Model), cancellationToken))
        {
            foreach (var p in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(p.OrganisationId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(p.ProductId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(p.ValidFrom, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(p.ValidTo, NpgsqlDbType.Date, cancellationToken);

                // The file's own columns, as the schema declares them: text, and the birth date as a date.
                foreach (var (property, value) in PreOrderFileSchema.StoredPerLine)
                {
                    if (property == nameof(PreOrder.BirthDate))
                    {
                        await importer.WriteAsync(p.BirthDate, NpgsqlDbType.Date, cancellationToken);
                    }
                    else
                    {
                        await WriteNullableAsync(importer, value(p), NpgsqlDbType.Text, cancellationToken);
                    }
                }

                await importer.WriteAsync(p.Source.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                if (p.ImportBatchId is { } batch)
                {
                    await importer.WriteAsync(batch, NpgsqlDbType.Integer, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync(p.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(p.CreatedBy, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(DateTime.SpecifyKind(p.CreatedUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);

                // A new entity saved through EF gets version 1 (BrpDbContext raises it on every save).
                await importer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                count++;
                afterRow?.Invoke(count);
            }

            // Without Complete, disposing the importer cancels the COPY: nothing of it is stored.
            await importer.CompleteAsync(cancellationToken);
        }

        return count;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static string CopySql(IModel model)
    {
        var entity = model.FindEntityType(typeof(PreOrder))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = Columns.Select(c => Quote(entity.FindProperty(c)!.GetColumnName(table)!));
        return $"COPY {Quote(table.Name)} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
