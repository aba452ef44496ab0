using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// An email address and the account it belongs to. Registration claims the address durably, then creates the
/// account, then forgets what it needed to create it. Every call first completes a claim whose account was not
/// created (a crash in between), so an address is never left taken by nobody.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class EmailGrain(
    [PersistentState("email")] IPersistentState<EmailState> claim,
    IOptions<UserOptions> options,
    TimeProvider time,
    ILogger<EmailGrain> logger) : Grain, IEmailGrain
{
    /// <summary>The grain type (the <c>grain_type</c> of its stored state): never change it.</summary>
    public const string GrainTypeName = "email";

    /// <summary>The name of an administrator account that seeding creates.</summary>
    public const string AdministratorName = "Administrator";

    private string Email => this.GetPrimaryKeyString();

    public async Task<UserProfile> RegisterAsync(Registration registration)
    {
        var errors = AccountRules.Validate(registration.Email, registration.Password, registration.Name);
        if (errors.Count > 0)
        {
            throw new InvalidRegistrationException(errors);
        }

        if (AccountRules.NormalizeEmail(registration.Email) != Email)
        {
            throw new ArgumentException($"A registration for {registration.Email} was sent to the grain of {Email}.", nameof(registration));
        }

        await CompleteClaimAsync();
        if (claim.State.UserId is not null)
        {
            throw new EmailTakenException(Email);
        }

        var password = await Passwords.HashAsync(registration.Password, options.Value.PasswordIterations);
        return await ClaimAsync(new NewUser(Email, AccountRules.NormalizeName(registration.Name), password, UserRole.User, time.GetUtcNow()));
    }

    public async Task<UserProfile?> SignInAsync(string password)
    {
        await CompleteClaimAsync();
        if (claim.State.UserId is { } userId)
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).SignInAsync(password);
        }

        // No account: spend what a wrong password costs, so that timing does not tell which addresses are registered.
        await Passwords.VerifyWithoutAccountAsync(password, options.Value.PasswordIterations);
        return null;
    }

    public async Task<Guid?> GetUserIdAsync()
    {
        await CompleteClaimAsync();
        return claim.State.UserId;
    }

    public async Task<AdministratorAccount> EnsureAdministratorAsync(string password, bool replacePassword)
    {
        await CompleteClaimAsync();
        if (claim.State.UserId is { } userId)
        {
            var passwordChanged = await GrainFactory.GetGrain<IUserGrain>(userId).MakeAdministratorAsync(password, replacePassword);
            return new AdministratorAccount(userId, Created: false, passwordChanged);
        }

        var hash = await Passwords.HashAsync(password, options.Value.PasswordIterations);
        var created = await ClaimAsync(new NewUser(Email, AdministratorName, hash, UserRole.Admin, time.GetUtcNow()));
        return new AdministratorAccount(created.UserId, Created: true, PasswordChanged: false);
    }

    /// <summary>Takes the address for a new account and creates it.</summary>
    private async Task<UserProfile> ClaimAsync(NewUser user)
    {
        // Durable before the account exists: from this write on the address is taken, whatever happens next.
        var userId = Guid.NewGuid();
        claim.State = new EmailState { UserId = userId, Pending = user };
        await WriteAsync();
        return await CreateAccountAsync(userId, user);
    }

    /// <summary>Creates the account of a claim that an earlier call made but did not finish (the silo died in between).</summary>
    private async Task CompleteClaimAsync()
    {
        if (claim.State is { UserId: { } userId, Pending: { } pending })
        {
            await CreateAccountAsync(userId, pending);
            UsersLog.ClaimCompleted(logger, userId);
        }
    }

    /// <summary>
    /// Creates the claimed account, then forgets what it took to create it. Creating is idempotent, so it does not
    /// matter whether an interruption came before or after the user grain stored the account.
    /// </summary>
    private async Task<UserProfile> CreateAccountAsync(Guid userId, NewUser pending)
    {
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId).CreateAsync(pending);
        claim.State.Pending = null;
        await WriteAsync();
        return profile;
    }

    /// <summary>
    /// Writes the claim; when the write fails, the activation goes, so that the next one reads what storage really
    /// holds instead of trusting a claim that may not have been stored.
    /// </summary>
    private async Task WriteAsync()
    {
        try
        {
            await claim.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
