namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// Which account is the administrator (use key 0). Every silo seeds the administrator of its configuration through
/// it when it starts; it remembers the account so that when configuration names another email, the previous
/// administrator goes back to being a user.
/// </summary>
[Alias("shop.IAdministratorGrain")]
public interface IAdministratorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Makes the account of <paramref name="email"/> the one administrator (see <see cref="IEmailGrain.EnsureAdministratorAsync"/>
    /// for the password rules).
    /// </summary>
    Task<AdministratorAccount> EnsureAsync(string email, string password, bool replacePassword);
}
