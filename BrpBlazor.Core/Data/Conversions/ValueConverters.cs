using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BrpBlazor.Core.Data.Conversions;

/// <summary>Personnummer are stored as their 12 digits.</summary>
public sealed class PersonnummerConverter() : ValueConverter<Personnummer, string>(
    p => p.Value,
    s => Personnummer.FromStored(s));

/// <summary>Organisationsnummer are stored as their 10 digits.</summary>
public sealed class OrganisationsnummerConverter() : ValueConverter<Organisationsnummer, string>(
    o => o.Value,
    s => Organisationsnummer.Parse(s));

/// <summary>Money is stored as whole öre in an INTEGER column (SQLite cannot sum or compare decimals).</summary>
public sealed class MoneyConverter() : ValueConverter<Money, long>(
    m => m.Ore,
    ore => new Money(ore));

/// <summary>A UTC instant for PostgreSQL's timestamptz: written as UTC whatever its Kind, read back as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc),
    d => DateTime.SpecifyKind(d, DateTimeKind.Utc));
