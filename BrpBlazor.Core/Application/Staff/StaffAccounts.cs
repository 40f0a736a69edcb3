using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Data;
using BrpBlazor.Core.Data.Identity;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Core.Application.Staff;

public sealed record StaffListItem(string Id, string UserName, string DisplayName, IReadOnlySet<Right> Rights, bool IsLockedOut, DateTimeOffset? LockoutEnd);

/// <summary>
/// Staff accounts and their rights (Admin). Each call opens its own <see cref="StaffIdentitySession"/>, so Identity's
/// context is as short-lived as every other context; changes and their audit entries share one transaction.
/// </summary>
public sealed class StaffAccounts(StaffIdentitySessions identity, IBusinessClock clock)
{
    public async Task<bool> AnyStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var session = identity.Open();
        var db = session.Db;
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>First start: while no staff account exists, create an administrator who holds every right.</summary>
    public async Task<Result> CreateFirstAdministratorAsync(string displayName, string userName, string password)
    {
        await using var session = identity.Open();
        var (db, users) = (session.Db, session.Users);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Users.AnyAsync())
        {
            return new Error("staff.firststart.done", "Det finns redan en administratör. Logga in i stället.");
        }

        var created = await CreateUserAsync(users, displayName, userName, password, Rights.All);
        if (!created.IsSuccess)
        {
            return created;
        }

        var user = created.Value;
        var actor = new StaffActor(user.Id, user.DisplayName, Rights.All.ToHashSet());
        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, "staff.firststart", "StaffUser", user.Id, $"Första administratören {user.DisplayName} skapades", null, Describe(user, Rights.All)));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Success();
    }

    public async Task<IReadOnlyList<StaffListItem>> ListAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        if (actor.Require(Right.Admin) is not null)
        {
            return [];
        }

        await using var session = identity.Open();
        var db = session.Db;
        var users = await db.Users.AsNoTracking().OrderBy(u => EF.Functions.Collate(u.DisplayName, SwedishCollation.Name)).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        return users.Select(u => new StaffListItem(
            u.Id,
            u.UserName ?? string.Empty,
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id && Enum.TryParse<Right>(r.Name, out _)).Select(r => Enum.Parse<Right>(r.Name!)).ToHashSet(),
            u.LockoutEnd is { } end && end.UtcDateTime > now,
            u.LockoutEnd)).ToList();
    }

    /// <summary>An account without a right can only see "Ingen behörighet"; locking is how an account is stopped.</summary>
    public static readonly Error NoRights = new("staff.norights", "Välj minst en rättighet. Ett konto utan rättigheter kan inte göra något; lås kontot om det inte ska användas.");

    public async Task<Result<string>> CreateAsync(StaffActor actor, string displayName, string userName, string password, IReadOnlyCollection<Right> rights)
    {
        if (actor.Require(Right.Admin) is { } refused)
        {
            return refused;
        }

        if (rights.Count == 0)
        {
            return NoRights;
        }

        await using var session = identity.Open();
        var (db, users) = (session.Db, session.Users);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await CreateUserAsync(users, displayName, userName, password, rights);
        if (!created.IsSuccess)
        {
            return Result<string>.Failure(created.Errors);
        }

        var user = created.Value;
        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, "staff.create", "StaffUser", user.Id, $"Personal {user.DisplayName} skapades", null, Describe(user, rights)));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return user.Id;
    }

    public async Task<Result> SetRightsAsync(StaffActor actor, string userId, IReadOnlyCollection<Right> rights)
    {
        if (actor.Require(Right.Admin) is { } refused)
        {
            return refused;
        }

        if (rights.Count == 0)
        {
            return NoRights;
        }

        if (userId == actor.Id && !rights.Contains(Right.Admin))
        {
            return new Error("staff.selfadmin", "Du kan inte ta bort din egen administratörsrättighet");
        }

        return await ChangeUserAsync(actor, userId, "staff.rights", async (users, user) =>
        {
            var current = (await users.GetRolesAsync(user)).Where(r => Enum.TryParse<Right>(r, out _)).Select(Enum.Parse<Right>).ToHashSet();
            var remove = current.Except(rights).Select(r => r.ToString()).ToList();
            var add = rights.Except(current).Select(r => r.ToString()).ToList();
            var result = remove.Count > 0 ? await users.RemoveFromRolesAsync(user, remove) : IdentityResult.Success;
            if (result.Succeeded && add.Count > 0)
            {
                result = await users.AddToRolesAsync(user, add);
            }

            // A new security stamp ends the member's open sessions, so a removed right stops working at once.
            // Your own change waits for your next sign-in instead of throwing you out mid-edit.
            if (result.Succeeded && remove.Count > 0 && userId != actor.Id)
            {
                result = await users.UpdateSecurityStampAsync(user);
            }

            return (result, $"Rättigheter för {user.DisplayName} ändrades", (object)new { Rights = current.Select(Rights.Label) }, new { Rights = rights.Select(Rights.Label) });
        });
    }

    public async Task<Result> ResetPasswordAsync(StaffActor actor, string userId, string newPassword)
    {
        if (actor.Require(Right.Admin) is { } refused)
        {
            return refused;
        }

        return await ChangeUserAsync(actor, userId, "staff.password", async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, newPassword);
            return (result, $"Lösenordet för {user.DisplayName} återställdes", null, null);
        });
    }

    public async Task<Result> SetLockedAsync(StaffActor actor, string userId, bool locked)
    {
        if (actor.Require(Right.Admin) is { } refused)
        {
            return refused;
        }

        if (locked && userId == actor.Id)
        {
            return new Error("staff.selflock", "Du kan inte låsa ditt eget konto");
        }

        return await ChangeUserAsync(actor, userId, locked ? "staff.lock" : "staff.unlock", async (users, user) =>
        {
            var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (result.Succeeded && !locked)
            {
                result = await users.ResetAccessFailedCountAsync(user);
            }

            // A locked member's open sessions end too.
            if (result.Succeeded && locked)
            {
                result = await users.UpdateSecurityStampAsync(user);
            }

            return (result, locked ? $"{user.DisplayName} låstes" : $"{user.DisplayName} låstes upp", null, null);
        });
    }

    private async Task<Result> ChangeUserAsync(
        StaffActor actor,
        string userId,
        string action,
        Func<UserManager<StaffUser>, StaffUser, Task<(IdentityResult Result, string Summary, object? Before, object? After)>> change)
    {
        await using var session = identity.Open();
        var (db, users) = (session.Db, session.Users);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new Error("staff.notfound", "Personalkontot finns inte");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var (result, summary, before, after) = await change(users, user);
        if (!result.Succeeded)
        {
            return Result.Failure(Translate(result));
        }

        db.AuditEntries.Add(Audit.Entry(actor, clock.UtcNow, action, "StaffUser", user.Id, summary, before, after));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Success();
    }

    private static async Task<Result<StaffUser>> CreateUserAsync(
        UserManager<StaffUser> users, string displayName, string userName, string password, IEnumerable<Right> rights)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return new Error("staff.name", "Ange namn");
        }

        var user = new StaffUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, rights.Select(r => r.ToString()));
        }

        return result.Succeeded ? user : Result<StaffUser>.Failure(Translate(result));
    }

    private static object Describe(StaffUser user, IEnumerable<Right> rights) =>
        new { user.UserName, user.DisplayName, Rights = rights.Select(Rights.Label) };

    /// <summary>Identity's refusals in Swedish.</summary>
    private static List<Error> Translate(IdentityResult result) =>
        result.Errors.Select(e => new Error("staff." + e.Code, e.Code switch
        {
            "PasswordTooShort" => "Lösenordet ska vara minst 12 tecken",
            "DuplicateUserName" => "Användarnamnet är redan upptaget",
            "InvalidUserName" => "Användarnamnet får bara innehålla bokstäver a–z, siffror och - . _ @",
            "PasswordRequiresUniqueChars" => "Lösenordet har för få olika tecken",
            _ => e.Description,
        })).ToList();
}
