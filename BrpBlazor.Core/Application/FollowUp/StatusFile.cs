using System.Globalization;
using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.Staff;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace BrpBlazor.Core.Application.FollowUp;

public enum StatusFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// The status file for the company's contact person: every pre-order with name, product, status, giltig t.o.m.,
/// when it was redeemed, invited and reminded; the whole personnummer only when staff tick it. Audited before the
/// first row, like the export (docs/decisions/123).
/// </summary>
public sealed class StatusFile(IDbContextFactory<BrpDbContext> dbFactory, IBusinessClock clock)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<string> Header(bool withPersonnummer) =>
        withPersonnummer
            ? ["Namn", "Personnummer", "Produkt", "Status", "Giltig t.o.m.", "Utnyttjad", "Inbjuden", "Påmind"]
            : ["Namn", "Produkt", "Status", "Giltig t.o.m.", "Utnyttjad", "Inbjuden", "Påmind"];

    public async Task<Result<int>> WriteAsync(
        StaffActor actor, int organisationId, StatusFileFormat format, bool withPersonnummer, Stream destination, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Organisation) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (organisationName is null)
        {
            return new Error("organisation.notfound", "Organisationen finns inte");
        }

        var today = clock.Today;
        var rows = await (from p in db.PreOrders.AsNoTracking()
                          where p.OrganisationId == organisationId
                          join product in db.Products on p.ProductId equals product.Id
                          orderby p.Name, p.Id
                          select new { PreOrder = p, ProductName = product.Name })
            .ToListAsync(cancellationToken);
        var mail = (await db.OutboxMessages.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.SentUtc != null)
            .Select(m => new { m.PreOrderId, m.Kind, m.SentUtc }).ToListAsync(cancellationToken)).ToLookup(m => m.PreOrderId);

        db.AuditEntries.Add(Audit.Entry(
            actor, clock.UtcNow, "preorder.statusfile", "Organisation", organisationId,
            $"Statusfil ({(format == StatusFileFormat.Csv ? "CSV" : "Excel")}) med {rows.Count} förbeställningar för {organisationName}{(withPersonnummer ? ", med personnummer" : string.Empty)}",
            null, new { Format = format.ToString(), WithPersonnummer = withPersonnummer, Count = rows.Count }, organisationId: organisationId));
        await db.SaveChangesAsync(cancellationToken);

        var records = rows.Select(r =>
        {
            var p = r.PreOrder;
            var sent = mail[p.Id].ToList();
            var fields = new List<string?>
            {
                p.Name,
                r.ProductName,
                PreOrderQueries.StatusLabel(p.DisplayStatus(today)),
                Date(p.ValidTo),
                p.RedeemedUtc is { } redeemed ? Date(Stockholm(redeemed)) : null,
                sent.Where(m => m.Kind == MailKind.Invitation).Select(m => m.SentUtc).Min() is { } invited ? Date(Stockholm(invited)) : null,
                sent.Where(m => m.Kind == MailKind.Reminder).Select(m => m.SentUtc).Max() is { } reminded ? Date(Stockholm(reminded)) : null,
            };
            if (withPersonnummer)
            {
                fields.Insert(1, p.Personnummer?.Formatted ?? Date(p.BirthDate));
            }

            return fields;
        }).ToList();

        var header = Header(withPersonnummer);
        if (format == StatusFileFormat.Csv)
        {
            await using var writer = CsvWriter.Create(destination, PreOrderCsv.ExcelOptions(), leaveOpen: true);
            PreOrderCsv.WriteRecord(writer, header.ToList());
            foreach (var record in records)
            {
                PreOrderCsv.WriteRecord(writer, record);
            }
        }
        else
        {
            var sheet = records.Select(record => header.Select((h, i) => (h, v: (object?)record[i])).ToDictionary(x => x.h, x => x.v)).ToList();
            await destination.SaveAsAsync(sheet, sheetName: "Status", cancellationToken: cancellationToken);
        }

        return rows.Count;
    }

    private static DateOnly Stockholm(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), StockholmClock.Stockholm));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
