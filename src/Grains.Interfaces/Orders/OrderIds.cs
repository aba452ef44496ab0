namespace Shop.Grains.Interfaces.Orders;

/// <summary>Order ids: 32 lowercase hex digits (a random Guid), so that nobody can guess another buyer's order.</summary>
public static class OrderIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="id"/> could be an order id: what the gateway checks before it activates an order grain.</summary>
    public static bool IsWellFormed(string? id) => id is { Length: 32 } && Guid.TryParseExact(id, "N", out _) && id.All(c => !char.IsUpper(c));
}
