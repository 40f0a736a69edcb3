using Microsoft.AspNetCore.Identity;

namespace BrpBlazor.Core.Data.Identity;

/// <summary>A staff account (ASP.NET Core Identity, stored in the same SQLite database).</summary>
public sealed class StaffUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;
}
