using Shop.Gateway.Auth;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Users;

/// <summary>The answer to <c>GET /api/admin/users/{userId}</c>: the account as the user sees it, plus its role.</summary>
public sealed record AdminUserResponse(Guid UserId, string Email, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Dormant)
{
    public static AdminUserResponse From(UserProfile user) =>
        new(user.UserId, user.Email, user.Name, ShopClaims.RoleName(user.Role), user.CreatedAt.ToUniversalTime(), user.LastSeenAt.ToUniversalTime(), user.Dormant);
}
