using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using BrpBlazor.Core.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.Property(s => s.CancellationReason).HasMaxLength(Subscription.ReasonMaxLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.ActiveFreezes);
        builder.Ignore(s => s.Scheduled);
        builder.Property(s => s.ScheduledProductName).HasMaxLength(Product.NameMaxLength);
        builder.Property(s => s.ScheduledBy).HasMaxLength(450);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PreOrder>().WithMany().HasForeignKey(s => s.PreOrderId).OnDelete(DeleteBehavior.Restrict);

        // A pre-order becomes at most one subscription, whatever two tablets do at the same moment.
        builder.HasIndex(s => s.PreOrderId).IsUnique();
        builder.HasIndex(s => s.PersonId);
        builder.HasIndex(s => s.BilledUntil);

        builder.HasMany(s => s.Freezes).WithOne().HasForeignKey(f => f.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Charges).WithOne().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.BilledPeriods).WithOne().HasForeignKey(b => b.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.ProductChanges).WithOne().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Freezes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Charges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.BilledPeriods).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.ProductChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FreezeConfiguration : IEntityTypeConfiguration<Freeze>
{
    public void Configure(EntityTypeBuilder<Freeze> builder)
    {
        builder.ToTable("Freezes");
        builder.Property(f => f.Reason).HasMaxLength(Freeze.ReasonMaxLength);
        builder.Property(f => f.OverrideReason).HasMaxLength(Freeze.ReasonMaxLength);
        builder.Property(f => f.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Ignore(f => f.Range);
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.ToTable("Charges");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Description).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(c => c.PaidBy).HasMaxLength(450);
        builder.Ignore(c => c.IsOpen);
        builder.HasOne(c => c.Freeze).WithMany().HasForeignKey(c => c.FreezeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BilledPeriodConfiguration : IEntityTypeConfiguration<BilledPeriod>
{
    public void Configure(EntityTypeBuilder<BilledPeriod> builder)
    {
        builder.ToTable("BilledPeriods");
        builder.HasOne(b => b.Charge).WithMany().HasForeignKey(b => b.ChargeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProductChangeConfiguration : IEntityTypeConfiguration<ProductChange>
{
    public void Configure(EntityTypeBuilder<ProductChange> builder)
    {
        builder.ToTable("ProductChanges");
        builder.Property(p => p.CreatedBy).HasMaxLength(450).IsRequired();
    }
}
