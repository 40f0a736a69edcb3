using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// Stores many pre-orders with one prepared INSERT, executed once per row inside the caller's transaction: SQLite then
/// parses the statement once and writes the rows in one journal commit (about 100 000 rows a second here). EF Core's
/// SaveChanges would track every entity and batch statements, several times slower and heavier on memory.
/// Table and column names come from the EF model, so a renamed column cannot silently break the import.
/// </summary>
internal static class PreOrderBulkInsert
{
    private static readonly string[] Columns =
    [
        nameof(PreOrder.OrganisationId), nameof(PreOrder.ProductId), nameof(PreOrder.ValidFrom), nameof(PreOrder.ValidTo),
        nameof(PreOrder.Name), nameof(PreOrder.NameKey), nameof(PreOrder.Personnummer), nameof(PreOrder.BirthDate), nameof(PreOrder.Email),
        nameof(PreOrder.Source), nameof(PreOrder.ImportBatchId), nameof(PreOrder.Status), nameof(PreOrder.CreatedBy), nameof(PreOrder.CreatedUtc),
        nameof(PreOrder.Version),
    ];

    /// <summary>
    /// Inserts the rows, which all belong to one import (same organisation, product, validity, batch and creator);
    /// <paramref name="afterRow"/> is a test seam (called with the 1-based count after each row).
    /// </summary>
    public static int Insert(BrpDbContext db, IEnumerable<PreOrder> rows, Action<int>? afterRow, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("The bulk insert runs inside the import's transaction.");
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql(db.Model);
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        command.Prepare();

        // Every row of one import shares these; only the person changes from row to row.
        var count = 0;
        foreach (var p in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (count == 0)
            {
                // The same values EF Core writes for these types: dates as yyyy-MM-dd, UTC instants as text, enums as their names.
                parameters[0].Value = p.OrganisationId;
                parameters[1].Value = p.ProductId;
                parameters[2].Value = p.ValidFrom;
                parameters[3].Value = p.ValidTo;
                parameters[9].Value = p.Source.ToString();
                parameters[10].Value = (object?)p.ImportBatchId ?? DBNull.Value;
                parameters[11].Value = p.Status.ToString();
                parameters[12].Value = p.CreatedBy;
                parameters[13].Value = p.CreatedUtc;

                // A new entity saved through EF gets version 1 (BrpDbContext raises it on every save).
                parameters[14].Value = 1;
            }

            parameters[4].Value = p.Name;
            parameters[5].Value = p.NameKey;
            parameters[6].Value = p.Personnummer is { } number ? number.Value : DBNull.Value;
            parameters[7].Value = p.BirthDate;
            parameters[8].Value = (object?)p.Email ?? DBNull.Value;
            command.ExecuteNonQuery();
            count++;
            afterRow?.Invoke(count);
        }

        return count;
    }

    private static string InsertSql(IModel model)
    {
        var entity = model.FindEntityType(typeof(PreOrder))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = Columns.Select(c => Quote(entity.FindProperty(c)!.GetColumnName(table)!));
        var values = Columns.Select((_, i) => "$p" + i);
        return $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
