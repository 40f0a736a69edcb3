using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using BrpBlazor.Core.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class PreOrderConfiguration : IEntityTypeConfiguration<PreOrder>
{
    public void Configure(EntityTypeBuilder<PreOrder> builder)
    {
        builder.ToTable("PreOrders");
        builder.Property(p => p.Name).HasMaxLength(PreOrder.NameMaxLength).IsRequired();
        builder.Property(p => p.NameKey).HasMaxLength(PreOrder.NameMaxLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.WithdrawnReason).HasMaxLength(PreOrder.ReasonMaxLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Validity);
        builder.Ignore(p => p.HasOnlyBirthDate);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(p => p.ImportBatchId).OnDelete(DeleteBehavior.Restrict);

        // The redeem wizard's suggestions look pre-orders up by personnummer, or by birth date for those imported without one.
        builder.HasIndex(p => p.Personnummer).HasDatabaseName("IX_PreOrders_Personnummer");
        builder.HasIndex(p => p.BirthDate).HasDatabaseName("IX_PreOrders_BirthDate");
        builder.HasIndex(p => new { p.OrganisationId, p.Status });
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("ImportBatches");
        builder.Property(b => b.FileName).HasMaxLength(ImportBatch.FileNameMaxLength).IsRequired();
        builder.Property(b => b.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(b => b.CreatedByName).HasMaxLength(100).IsRequired();
        builder.Ignore(b => b.Validity);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.OrganisationId, b.CreatedUtc });
    }
}
