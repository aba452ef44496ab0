namespace Shop.Gateway.Auth;

/// <summary>The authorization policies of the API (shared/API.md, Auth), for <c>RequireAuthorization</c>.</summary>
public static class ShopPolicies
{
    /// <summary>A signed-in account (a user or the administrator): cart and orders.</summary>
    public const string User = "shop-user";

    /// <summary>The administrator: everything under <c>/api/admin</c>.</summary>
    public const string Admin = "shop-admin";
}
