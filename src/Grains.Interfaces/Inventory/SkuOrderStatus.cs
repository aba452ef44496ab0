namespace Shop.Grains.Interfaces.Inventory;

/// <summary>Where an order's units at one SKU stand.</summary>
[GenerateSerializer]
public enum SkuOrderStatus
{
    Reserved,
    Confirmed,
    Released,
    Refunded,
}
