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
    private static readonly (string Property, NpgsqlDbType Type)[] Columns =
    [
        (nameof(PreOrder.OrganisationId), NpgsqlDbType.Integer), (nameof(PreOrder.ProductId), NpgsqlDbType.Integer),
        (nameof(PreOrder.ValidFrom), NpgsqlDbType.Date), (nameof(PreOrder.ValidTo), NpgsqlDbType.Date),
        (nameof(PreOrder.Name), NpgsqlDbType.Text), (nameof(PreOrder.NameKey), NpgsqlDbType.Text),
        (nameof(PreOrder.Personnummer), NpgsqlDbType.Varchar), (nameof(PreOrder.BirthDate), NpgsqlDbType.Date),
        (nameof(PreOrder.Email), NpgsqlDbType.Varchar), (nameof(PreOrder.Source), NpgsqlDbType.Varchar),
        (nameof(PreOrder.ImportBatchId), NpgsqlDbType.Integer), (nameof(PreOrder.Status), NpgsqlDbType.Varchar),
        (nameof(PreOrder.CreatedBy), NpgsqlDbType.Text), (nameof(PreOrder.CreatedUtc), NpgsqlDbType.TimestampTz),
        (nameof(PreOrder.Version), NpgsqlDbType.Integer),
    ];

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
                await importer.WriteAsync(p.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(p.NameKey, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, p.Personnummer?.Value, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(p.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(importer, p.Email, NpgsqlDbType.Varchar, cancellationToken);
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
        var columns = Columns.Select(c => Quote(entity.FindProperty(c.Property)!.GetColumnName(table)!));
        return $"COPY {Quote(table.Name)} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
