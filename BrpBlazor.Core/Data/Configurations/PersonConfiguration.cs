using BrpBlazor.Core.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.FirstName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
        builder.Property(p => p.Phone).HasMaxLength(Person.PhoneMaxLength);
        builder.Property(p => p.SearchText).IsRequired();
        builder.Property(p => p.BlockedReason).HasMaxLength(Person.BlockReasonMaxLength);
        builder.Property(p => p.BlockedBy).HasMaxLength(Person.NameMaxLength);
        builder.Ignore(p => p.IsBlocked);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.CustomerNumber);
        builder.Ignore(p => p.FullName);
        builder.HasIndex(p => p.Personnummer).IsUnique();
        builder.HasIndex(p => p.BirthDate);
        builder.HasIndex(p => p.LastName);
    }
}
