namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// An email address (the key: <see cref="AccountRules.NormalizeEmail"/> of it) and the account it belongs to.
/// One activation per key in the cluster makes it the place where concurrent registrations of one address are
/// decided, on any silo: the first claims it, the others find it taken. The claim is durable before the user is
/// created, and a claim whose user was not created yet (a crash in between) is completed by the next call.
/// </summary>
[Alias("shop.IEmailGrain")]
public interface IEmailGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers a new user with this address. Throws <see cref="EmailTakenException"/> when it belongs to an
    /// account already, <see cref="InvalidRegistrationException"/> when a field breaks <see cref="AccountRules"/>.
    /// </summary>
    Task<UserProfile> RegisterAsync(Registration registration);

    /// <summary>Signs in the account of this address; null when the password is wrong or there is no account (same cost either way).</summary>
    Task<UserProfile?> SignInAsync(string password);

    /// <summary>The id of the account this address belongs to, or null.</summary>
    Task<Guid?> GetUserIdAsync();

    /// <summary>
    /// Makes the account of this address the administrator, creating it with <paramref name="password"/> when there is
    /// none. An existing account's password is replaced only with <paramref name="replacePassword"/> (a configured
    /// password), not by a generated one. Safe to repeat and to run from every silo at once.
    /// </summary>
    Task<AdministratorAccount> EnsureAdministratorAsync(string password, bool replacePassword);
}
