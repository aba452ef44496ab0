namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// An account as others see it. <see cref="Dormant"/> is true when it has not signed in for
/// <c>UserOptions.DormantAfter</c> (it must sign in again before ordering).
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset LastSeenAt,
    [property: Id(6)] bool Dormant);
