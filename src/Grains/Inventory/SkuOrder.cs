using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>An order's units at one SKU.</summary>
public sealed class SkuOrder
{
    public string UserId { get; set; } = "";

    public int Quantity { get; set; }

    public SkuOrderStatus Status { get; set; }
}
