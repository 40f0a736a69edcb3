using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.Property(o => o.Organisationsnummer).IsRequired();
        builder.Property(o => o.SearchText).IsRequired();
        builder.Property(o => o.CustomerManagerId).HasMaxLength(450);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.Organisationsnummer).IsUnique();
        builder.HasMany(o => o.PriceList).WithOne().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.PriceList).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PriceListEntryConfiguration : IEntityTypeConfiguration<PriceListEntry>
{
    public void Configure(EntityTypeBuilder<PriceListEntry> builder)
    {
        builder.ToTable("PriceListEntries");
        builder.HasKey(e => new { e.OrganisationId, e.ProductId });
        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
