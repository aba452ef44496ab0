namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// The account has not signed in for longer than the dormancy period and may not order until it signs in again
/// (HTTP: 403 <c>user-dormant</c>).
/// </summary>
[GenerateSerializer, Alias("shop.UserDormantException")]
public sealed class UserDormantException(Guid userId, DateTimeOffset lastSeenAt)
    : Exception($"The account {userId} is dormant (last seen {lastSeenAt:u}); it must sign in again.")
{
    [Id(0)]
    public Guid UserId { get; } = userId;

    [Id(1)]
    public DateTimeOffset LastSeenAt { get; } = lastSeenAt;
}
