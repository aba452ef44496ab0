using Shop.Grains.Interfaces.Users;

namespace Shop.Silo;

/// <summary>
/// <c>Shop:Admin</c>: the administrator's credentials (shared/API.md, Auth). The administrator signs in like any user,
/// through <c>POST /api/auth/token</c>, and gets the role admin.
/// </summary>
public sealed class AdminSettings
{
    public const string Section = "Shop:Admin";

    /// <summary>The administrator's email address. Default <c>admin@shop.local</c>.</summary>
    public string Email { get; set; } = "admin@shop.local";

    /// <summary>
    /// The administrator's password. No default: when it is not set, the first silo to start generates one, prints it
    /// once and keeps it in <see cref="AdminPasswordFile.FileName"/> under <c>Shop:DataDirectory</c>. When it is set,
    /// it wins over a generated one, and changing it changes the administrator's password at the next start.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when a value cannot work.</summary>
    public void Validate()
    {
        if (AccountRules.EmailError(Email) is { } error)
        {
            throw new InvalidOperationException($"{Section}:Email '{Email}' is not usable: {error}");
        }

        if (!string.IsNullOrEmpty(Password) && Password.Length is < AccountRules.MinPasswordLength or > AccountRules.MaxPasswordLength)
        {
            throw new InvalidOperationException(
                $"{Section}:Password must be {AccountRules.MinPasswordLength} to {AccountRules.MaxPasswordLength} characters, like every password.");
        }
    }
}
