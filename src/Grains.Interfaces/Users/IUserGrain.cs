namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// One user account (the key is the user id, a Guid that never changes): profile, role and password, and when
/// the user was last seen. Registration goes through <see cref="IEmailGrain"/>, which owns the email address and
/// creates this grain; sign-in by email goes through it too.
/// </summary>
[Alias("shop.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the account. Repeating it for the same email returns the account as it is: the email grain
    /// repeats it after a crash between claiming the email and creating the user.
    /// </summary>
    Task<UserProfile> CreateAsync(NewUser user);

    /// <summary>
    /// Checks the password; when it is right the account wakes (if it was dormant) and is seen now. Null when the
    /// password is wrong or there is no such account: a caller cannot tell the two apart, and both take as long.
    /// </summary>
    Task<UserProfile?> SignInAsync(string password);

    /// <summary>The account, or null when there is none.</summary>
    Task<UserProfile?> GetProfileAsync();

    /// <summary>
    /// Throws <see cref="UserDormantException"/> when the account is dormant (it must sign in again first), and
    /// <see cref="UnknownUserException"/> when there is no such account. Called when an order is placed.
    /// </summary>
    Task EnsureCanOrderAsync();

    /// <summary>
    /// Makes the account the administrator. With <paramref name="replacePassword"/> the password becomes
    /// <paramref name="password"/> (unless it already is); without, the password stays. True when it changed.
    /// </summary>
    Task<bool> MakeAdministratorAsync(string password, bool replacePassword);

    /// <summary>Gives the account another role (an administrator replaced in configuration becomes a user again).</summary>
    Task SetRoleAsync(UserRole role);
}
