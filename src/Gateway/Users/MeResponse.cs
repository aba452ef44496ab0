using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Users;

/// <summary>The answer to <c>GET /api/users/me</c>.</summary>
public sealed record MeResponse(Guid UserId, string Email, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Dormant)
{
    public static MeResponse From(UserProfile user) =>
        new(user.UserId, user.Email, user.Name, user.CreatedAt.ToUniversalTime(), user.LastSeenAt.ToUniversalTime(), user.Dormant);
}
