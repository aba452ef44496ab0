using System.Security.Claims;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Auth;

/// <summary>What an access token says about its holder: the claims, named as in the JWT (they are not renamed on the way in).</summary>
public static class ShopClaims
{
    /// <summary>The user id (a Guid).</summary>
    public const string UserId = "sub";

    public const string Email = "email";

    /// <summary><see cref="UserRoleName"/> of the account's role when the token was issued.</summary>
    public const string Role = "role";

    public const string UserRoleName = "user";
    public const string AdminRoleName = "admin";

    public static string RoleName(UserRole role) => role == UserRole.Admin ? AdminRoleName : UserRoleName;

    /// <summary>
    /// The caller's user id, from an authenticated request (an endpoint that requires <see cref="ShopPolicies.User"/>
    /// or <see cref="ShopPolicies.Admin"/>). Grains keyed by a string take <c>GetUserId().ToString()</c> (the 36-character form).
    /// </summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        principal.TryGetUserId(out var userId) ? userId : throw new InvalidOperationException("The request is not signed in (no user id claim).");

    public static bool TryGetUserId(this ClaimsPrincipal principal, out Guid userId) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out userId);

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(AdminRoleName);
}
