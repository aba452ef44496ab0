using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// The one administrator. Seeding goes through this single activation, so silos starting together take turns,
/// and the account it remembers is the one to demote when configuration names another email.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class AdministratorGrain(
    [PersistentState("administrator")] IPersistentState<AdministratorState> administrator,
    ILogger<AdministratorGrain> logger) : Grain, IAdministratorGrain
{
    /// <summary>The grain type (the <c>grain_type</c> of its stored state): never change it.</summary>
    public const string GrainTypeName = "administrator";

    public async Task<AdministratorAccount> EnsureAsync(string email, string password, bool replacePassword)
    {
        var normalized = AccountRules.NormalizeEmail(email);
        var account = await GrainFactory.GetGrain<IEmailGrain>(normalized).EnsureAdministratorAsync(password, replacePassword);
        if (administrator.State.UserId == account.UserId)
        {
            return account;
        }

        if (administrator.State.UserId is { } previous)
        {
            // Configuration names another administrator now: the previous one keeps its account, as a user.
            await GrainFactory.GetGrain<IUserGrain>(previous).SetRoleAsync(UserRole.User);
            UsersLog.AdministratorReplaced(logger, account.UserId, previous);
        }

        administrator.State = new AdministratorState { UserId = account.UserId, Email = normalized };
        await administrator.WriteStateAsync();
        return account;
    }
}
