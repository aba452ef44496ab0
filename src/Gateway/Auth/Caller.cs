using System.Security.Claims;
using Shop.Gateway.Auth;

namespace Shop.Gateway;

/// <summary>
/// Who sent an authenticated request, for endpoints behind <see cref="ShopPolicies.User"/> or <see cref="ShopPolicies.Admin"/>.
/// </summary>
public static class Caller
{
    /// <summary>
    /// The caller's user id as grains keyed by a string take it (the Guid's 36-character form, e.g. the cart's key and
    /// the user id of a reservation). Throws when the request is not signed in.
    /// </summary>
    public static string UserId(ClaimsPrincipal user) => user.GetUserId().ToString();

    /// <summary>Whether the caller is the administrator (who may see every order).</summary>
    public static bool IsAdmin(ClaimsPrincipal user) => user.IsAdmin();
}
