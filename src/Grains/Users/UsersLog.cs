using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

internal static partial class UsersLog
{
    [LoggerMessage(1100, LogLevel.Information, "Account {UserId} created with role {Role}")]
    public static partial void Created(ILogger logger, Guid userId, UserRole role);

    [LoggerMessage(1101, LogLevel.Information, "Account {UserId} signed in after being dormant since {LastSeenAt}")]
    public static partial void Woke(ILogger logger, Guid userId, DateTimeOffset lastSeenAt);

    [LoggerMessage(1102, LogLevel.Information, "A sign-in to account {UserId} gave a wrong password")]
    public static partial void WrongPassword(ILogger logger, Guid userId);

    [LoggerMessage(1103, LogLevel.Information, "The password hash of account {UserId} was made again with {Iterations} iterations")]
    public static partial void Rehashed(ILogger logger, Guid userId, int iterations);

    [LoggerMessage(1104, LogLevel.Information, "Account {UserId} now has role {Role}")]
    public static partial void RoleChanged(ILogger logger, Guid userId, UserRole role);

    [LoggerMessage(1105, LogLevel.Warning, "The administrator's password was replaced by the configured one (account {UserId})")]
    public static partial void AdministratorPasswordReplaced(ILogger logger, Guid userId);

    [LoggerMessage(1106, LogLevel.Warning, "Completed the claim of an email address whose account had not been created (account {UserId}); the claim had been interrupted")]
    public static partial void ClaimCompleted(ILogger logger, Guid userId);

    [LoggerMessage(1107, LogLevel.Warning, "The administrator is now account {UserId}; the previous administrator {PreviousUserId} is a user again")]
    public static partial void AdministratorReplaced(ILogger logger, Guid userId, Guid previousUserId);

    [LoggerMessage(1108, LogLevel.Information, "Generated and stored the cluster's token signing key")]
    public static partial void SigningKeyCreated(ILogger logger);
}
