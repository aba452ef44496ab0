using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// One account: it checks its own password and knows when it was last seen. The grain is not reentrant, so the
/// sign-ins of one account are checked one after another, which also slows down guessing at one account.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> account,
    IOptions<UserOptions> options,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>The grain type (the <c>grain_type</c> of its stored state): never change it.</summary>
    public const string GrainTypeName = "user";

    private Guid UserId => this.GetPrimaryKey();

    private UserState State => account.State;

    public async Task<UserProfile> CreateAsync(NewUser user)
    {
        if (account.RecordExists)
        {
            // The email grain repeats a creation it is not sure of: the account it made the first time stands.
            return State.Email == user.Email
                ? Profile()
                : throw new InvalidOperationException($"Account {UserId} belongs to another email address.");
        }

        account.State = new UserState
        {
            Email = user.Email,
            Name = user.Name,
            Password = user.Password,
            Role = user.Role,
            CreatedAt = user.CreatedAt,
            // Registering counts as being seen: a new account is not dormant.
            LastSeenAt = user.CreatedAt,
        };
        await account.WriteStateAsync();
        UsersLog.Created(logger, UserId, user.Role);
        return Profile();
    }

    public async Task<UserProfile?> SignInAsync(string password)
    {
        if (!account.RecordExists || State.Password is null)
        {
            await Passwords.VerifyWithoutAccountAsync(password, options.Value.PasswordIterations);
            return null;
        }

        if (!await Passwords.VerifyAsync(password, State.Password))
        {
            UsersLog.WrongPassword(logger, UserId);
            return null;
        }

        var now = time.GetUtcNow();
        var wasDormant = IsDormant(now);
        var lastSeenAt = State.LastSeenAt;
        await RehashIfWeakerThanConfiguredAsync(password);
        State.LastSeenAt = now;
        await account.WriteStateAsync();
        if (wasDormant)
        {
            UsersLog.Woke(logger, UserId, lastSeenAt);
        }

        return Profile();
    }

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(account.RecordExists ? Profile() : null);

    public Task EnsureCanOrderAsync()
    {
        if (!account.RecordExists)
        {
            throw new UnknownUserException(UserId);
        }

        if (IsDormant(time.GetUtcNow()))
        {
            throw new UserDormantException(UserId, State.LastSeenAt);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> MakeAdministratorAsync(string password, bool replacePassword)
    {
        RequireAccount();
        var passwordChanged = false;
        if (replacePassword && (State.Password is null || !await Passwords.VerifyAsync(password, State.Password)))
        {
            State.Password = await Passwords.HashAsync(password, options.Value.PasswordIterations);
            passwordChanged = true;
        }

        var promoted = State.Role != UserRole.Admin;
        if (!promoted && !passwordChanged)
        {
            return false;
        }

        State.Role = UserRole.Admin;
        await account.WriteStateAsync();
        if (promoted)
        {
            UsersLog.RoleChanged(logger, UserId, UserRole.Admin);
        }

        if (passwordChanged)
        {
            UsersLog.AdministratorPasswordReplaced(logger, UserId);
        }

        return passwordChanged;
    }

    public async Task SetRoleAsync(UserRole role)
    {
        RequireAccount();
        if (State.Role == role)
        {
            return;
        }

        State.Role = role;
        await account.WriteStateAsync();
        UsersLog.RoleChanged(logger, UserId, role);
    }

    /// <summary>The password is known right now, so a hash with fewer iterations than configured is made again.</summary>
    private async Task RehashIfWeakerThanConfiguredAsync(string password)
    {
        var iterations = options.Value.PasswordIterations;
        if (State.Password is { } stored && Passwords.NeedsRehash(stored, iterations))
        {
            State.Password = await Passwords.HashAsync(password, iterations);
            UsersLog.Rehashed(logger, UserId, iterations);
        }
    }

    private bool IsDormant(DateTimeOffset now) => State.IsDormantAt(now, options.Value.DormantAfter);

    private void RequireAccount()
    {
        if (!account.RecordExists)
        {
            throw new UnknownUserException(UserId);
        }
    }

    private UserProfile Profile() =>
        new(UserId, State.Email, State.Name, State.Role, State.CreatedAt, State.LastSeenAt, IsDormant(time.GetUtcNow()));
}
