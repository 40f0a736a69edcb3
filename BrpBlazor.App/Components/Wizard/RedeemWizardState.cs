namespace BrpBlazor.App.Components.Wizard;

/// <summary>
/// Everything the staff member has entered in the redeem wizard, so a tablet that reloads or loses its
/// connection comes back to the same step with the same inputs. Plain values only: it is serialised to the
/// browser's (protected) session storage.
/// </summary>
public sealed class RedeemWizardState
{
    /// <summary>Registering someone new (Registrera ny organisationskund) rather than a person in the register.</summary>
    public bool NewPerson { get; set; }

    public int? PersonId { get; set; }

    public int Step { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? PersonnummerText { get; set; }

    public string? BirthDateText { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? OrganisationSearch { get; set; }

    public int? OrganisationId { get; set; }

    public string? OrganisationName { get; set; }

    public int? PreOrderId { get; set; }

    public int? PreOrderVersion { get; set; }

    public bool IdentityChecked { get; set; }

    public int? ProductId { get; set; }

    public DateOnly? StartDate { get; set; }

    public string? OverrideReason { get; set; }

    /// <summary>Choosing another organisation starts the later steps over.</summary>
    public void ChooseOrganisation(int organisationId, string name, int? preOrderId, int? preOrderVersion, int? productId)
    {
        if (OrganisationId != organisationId || PreOrderId != preOrderId)
        {
            ProductId = productId;
        }

        OrganisationId = organisationId;
        OrganisationName = name;
        PreOrderId = preOrderId;
        PreOrderVersion = preOrderVersion;
    }
}
