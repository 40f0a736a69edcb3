using BrpBlazor.Core.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.CanBePreOrdered);
        builder.ComplexProperty(p => p.FreezeRule, rule =>
        {
            rule.Property(r => r.MinDays).HasColumnName("FreezeMinDays");
            rule.Property(r => r.MaxDays).HasColumnName("FreezeMaxDays");
            rule.Property(r => r.MaxPerYear).HasColumnName("FreezeMaxPerYear");
            rule.Property(r => r.Fee).HasColumnName("FreezeFee");
        });
        builder.HasIndex(p => p.Name);
    }
}
