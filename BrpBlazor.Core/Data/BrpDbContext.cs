using BrpBlazor.Core.Data.Conversions;
using BrpBlazor.Core.Data.Identity;
using BrpBlazor.Core.Domain.Audit;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Data;

/// <summary>
/// The one database: the registers, pre-orders, subscriptions, audit log, the staff accounts (Identity) and the
/// data-protection keys.
/// Use it through <see cref="IDbContextFactory{TContext}"/>, one short-lived context per operation.
/// </summary>
public sealed class BrpDbContext(DbContextOptions<BrpDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The sign-in and antiforgery key ring, shared by every server on this database (docs/decisions/066).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<PreOrder> PreOrders => Set<PreOrder>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Freeze> Freezes => Set<Freeze>();

    public DbSet<Charge> Charges => Set<Charge>();

    public DbSet<BilledPeriod> BilledPeriods => Set<BilledPeriod>();

    public DbSet<ProductChange> ProductChanges => Set<ProductChange>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Setting> Settings => Set<Setting>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<MailTemplate> MailTemplates => Set<MailTemplate>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RaiseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Personnummer>().HaveConversion<PersonnummerConverter>().HaveMaxLength(Personnummer.StoredLength);
        configurationBuilder.Properties<Organisationsnummer>().HaveConversion<OrganisationsnummerConverter>().HaveMaxLength(Organisationsnummer.StoredLength);
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        if (Database.IsNpgsql())
        {
            // Instants are UTC (the clock's UtcNow); PostgreSQL's timestamptz takes them as such whatever Kind a
            // DateTime came with, and gives them back as UTC, as SQLite gives back what was written.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BrpDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // The SV collation SQLite gets from SwedishCollation, as an ICU collation: Swedish order, case ignored.
            builder.HasCollation(SwedishCollation.Name, locale: SwedishCollation.IcuLocale, provider: "icu", deterministic: false);
        }
    }

    /// <summary>
    /// Raises <see cref="VersionedEntity.Version"/> on every changed entity, and on a subscription whenever one of
    /// its freezes, charges, billing runs or product changes is changed, so a stale dialog is always refused.
    /// </summary>
    private void RaiseVersions()
    {
        ChangeTracker.DetectChanges();
        var changedSubscriptions = new HashSet<int>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Freeze f:
                    changedSubscriptions.Add(f.SubscriptionId);
                    break;
                case Charge c:
                    changedSubscriptions.Add(c.SubscriptionId);
                    break;
                case BilledPeriod b:
                    changedSubscriptions.Add(b.SubscriptionId);
                    break;
                case ProductChange p:
                    changedSubscriptions.Add(p.SubscriptionId);
                    break;
            }
        }

        foreach (var entry in ChangeTracker.Entries<VersionedEntity>())
        {
            var partChanged = entry.Entity is Subscription s && s.Id != 0 && changedSubscriptions.Contains(s.Id);
            if (entry.State is EntityState.Added or EntityState.Modified || (entry.State == EntityState.Unchanged && partChanged))
            {
                entry.Entity.IncrementVersion();
                if (entry.State == EntityState.Unchanged)
                {
                    entry.Property(e => e.Version).IsModified = true;
                }
            }
        }
    }
}
