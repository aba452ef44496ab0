using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>An order's units at one SKU.</summary>
[GenerateSerializer]
public sealed class SkuOrder
{
    [Id(0)]
    public string UserId { get; set; } = "";

    [Id(1)]
    public int Quantity { get; set; }

    [Id(2)]
    public SkuOrderStatus Status { get; set; }

    /// <summary>When the order was confirmed, released or refunded; null while it is reserved.</summary>
    [Id(3)]
    public DateTimeOffset? SettledAt { get; set; }
}
