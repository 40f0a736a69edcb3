using System.Globalization;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// Stores many pre-orders with one prepared INSERT, stepped once per row inside the caller's transaction: SQLite parses
/// the statement once and writes the rows in one journal commit. The statement is driven through SQLite's own API
/// (SQLitePCLRaw, on the EF context's connection) rather than <see cref="SqliteCommand"/>, which looks every parameter up
/// by name and copies every value to a new UTF-8 array on each execution: about 1.8 kB of garbage and a third of the time
/// per row (docs/decisions/050). Values that every row of an import shares are bound once; the rest are bound from the
/// strings themselves (UTF-16, no copy). Table and column names come from the EF model, so a renamed column cannot
/// silently break the import; the values are the ones EF Core writes. For the length of the insert the connection's page
/// cache is raised to <see cref="PageCacheKibibytes"/>: the personnummer and birth-date indexes take rows in random order,
/// and with SQLite's default 2 MB cache their pages are spilled and read back again and again once an import passes
/// about 100 000 rows.
/// </summary>
internal static class PreOrderBulkInsert
{
    /// <summary>Enough for the random-order indexes of a million pre-orders; native memory, given back after the insert.</summary>
    internal const int PageCacheKibibytes = 64 * 1024;

    /// <summary>How EF Core's SQLite provider writes a <see cref="DateTime"/> (and Microsoft.Data.Sqlite a DateTime parameter).</summary>
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private const string DateFormat = @"yyyy\-MM\-dd";

    /// <summary>Columns that every row of one import shares, before and after the file's own columns.</summary>
    private static readonly string[] SharedBefore =
        [nameof(PreOrder.OrganisationId), nameof(PreOrder.ProductId), nameof(PreOrder.ValidFrom), nameof(PreOrder.ValidTo)];

    private static readonly string[] SharedAfter =
        [nameof(PreOrder.Source), nameof(PreOrder.ImportBatchId), nameof(PreOrder.Status), nameof(PreOrder.CreatedBy), nameof(PreOrder.CreatedUtc), nameof(PreOrder.Version)];

    /// <summary>The columns each line of the file fills, as the file schema declares them (docs/decisions/111).</summary>
    private static readonly IReadOnlyList<(string Property, Func<PreOrder, string?> Value)> PerLine = PreOrderFileSchema.StoredPerLine;

    private static readonly string[] Columns = [.. SharedBefore, .. PerLine.Select(c => c.Property), .. SharedAfter];

    /// <summary>SQLite's 1-based parameter numbers: the first per-line column, and the first shared column after them.</summary>
    private static readonly int FirstPerLine = SharedBefore.Length + 1;

    private static readonly int After = FirstPerLine + PerLine.Count;

    /// <summary>
    /// Inserts the rows, which all belong to one import (same organisation, product, validity, batch and creator);
    /// <paramref name="afterRow"/> is a test seam (called with the 1-based count after each row).
    /// </summary>
    public static int Insert(BrpDbContext db, IEnumerable<PreOrder> rows, Action<int>? afterRow, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not SqliteTransaction)
        {
            throw new InvalidOperationException("The bulk insert runs inside the import's transaction.");
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The import's connection is not open.");
        var previousCacheSize = CacheSize(handle);
        Check(raw.sqlite3_exec(handle, $"PRAGMA cache_size = -{PageCacheKibibytes.ToString(CultureInfo.InvariantCulture)}"), handle);
        Check(raw.sqlite3_prepare_v2(handle, InsertSql(db.Model), out var statement), handle);
        try
        {
            Span<char> text = stackalloc char[32];
            var count = 0;
            foreach (var p in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (count == 0)
                {
                    // Every row of one import shares these; SQLite keeps a bound value until it is bound again.
                    Check(raw.sqlite3_bind_int64(statement, 1, p.OrganisationId), handle);
                    Check(raw.sqlite3_bind_int64(statement, 2, p.ProductId), handle);
                    BindDate(statement, 3, p.ValidFrom, text, handle);
                    BindDate(statement, 4, p.ValidTo, text, handle);
                    BindText(statement, After, p.Source.ToString(), handle);
                    Check(p.ImportBatchId is { } batch ? raw.sqlite3_bind_int64(statement, After + 1, batch) : raw.sqlite3_bind_null(statement, After + 1), handle);
                    BindText(statement, After + 2, p.Status.ToString(), handle);
                    BindText(statement, After + 3, p.CreatedBy, handle);
                    p.CreatedUtc.TryFormat(text, out var written, DateTimeFormat, CultureInfo.InvariantCulture);
                    Check(raw.sqlite3_bind_text16(statement, After + 4, text[..written]), handle);

                    // A new entity saved through EF gets version 1 (BrpDbContext raises it on every save).
                    Check(raw.sqlite3_bind_int64(statement, After + 5, 1), handle);
                }

                for (var i = 0; i < PerLine.Count; i++)
                {
                    BindText(statement, FirstPerLine + i, PerLine[i].Value(p), handle);
                }
                var stepped = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (stepped != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(stepped, handle);
                }

                count++;
                afterRow?.Invoke(count);
            }

            return count;
        }
        finally
        {
            statement.Dispose();
            raw.sqlite3_exec(handle, $"PRAGMA cache_size = {previousCacheSize.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static int CacheSize(sqlite3 handle)
    {
        Check(raw.sqlite3_prepare_v2(handle, "PRAGMA cache_size", out var statement), handle);
        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int(statement, 0) : -2000;
        }
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value, sqlite3 handle) =>
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value.AsSpan()), handle);

    private static void BindDate(sqlite3_stmt statement, int index, DateOnly value, Span<char> buffer, sqlite3 handle)
    {
        value.TryFormat(buffer, out var written, DateFormat, CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text16(statement, index, buffer[..written]), handle);
    }

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }

    private static string InsertSql(IModel model)
    {
        var entity = model.FindEntityType(typeof(PreOrder))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = Columns.Select(c => Quote(entity.FindProperty(c)!.GetColumnName(table)!));
        var values = Columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture));
        return $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
