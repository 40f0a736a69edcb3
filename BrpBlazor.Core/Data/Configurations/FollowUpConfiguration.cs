using BrpBlazor.Core.Domain.FollowUp;
using BrpBlazor.Core.Domain.Organisations;
using BrpBlazor.Core.Domain.PreOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrpBlazor.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.DedupeKey).HasMaxLength(OutboxMessage.KeyMaxLength).IsRequired();
        builder.Property(m => m.MessageId).HasMaxLength(OutboxMessage.KeyMaxLength).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(PreOrder.NameMaxLength).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(OutboxMessage.BodyMaxLength).IsRequired();
        builder.Property(m => m.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.KeyMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PreOrder>().WithMany().HasForeignKey(m => m.PreOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => m.MessageId).IsUnique();

        // The sender's question: what is pending and due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => m.PreOrderId);
    }
}

internal sealed class MailTemplateConfiguration : IEntityTypeConfiguration<MailTemplate>
{
    public void Configure(EntityTypeBuilder<MailTemplate> builder)
    {
        builder.ToTable("MailTemplates");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(OutboxMessage.BodyMaxLength).IsRequired();
        builder.Property(t => t.ChangedBy).HasMaxLength(450).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.OrganisationId, t.Kind }).IsUnique();
    }
}
