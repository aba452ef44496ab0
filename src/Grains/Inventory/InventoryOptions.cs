namespace Shop.Grains.Inventory;

/// <summary>How long a SKU remembers settled orders.</summary>
public sealed class InventoryOptions
{
    /// <summary>
    /// How long a settled order (confirmed, released or refunded) stays in a SKU's state after it settled.
    /// Default 30 days. Within it every operation on the order is idempotent and a confirmed order can be
    /// refunded; after it the order is forgotten, so a SKU that sells for years keeps a small state. Units a
    /// user bought keep counting against the per-user limit.
    /// </summary>
    public TimeSpan SettledOrderRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often an active SKU forgets the settled orders past <see cref="SettledOrderRetention"/>. Default 1 hour.</summary>
    public TimeSpan ForgetSettledOrdersEvery { get; set; } = TimeSpan.FromHours(1);
}
