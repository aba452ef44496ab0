namespace Shop.Grains.Interfaces.Inventory;

/// <summary>Where an order's units at one SKU stand.</summary>
public enum SkuOrderStatus
{
    Reserved,
    Confirmed,
    Released,
    Refunded,
}
