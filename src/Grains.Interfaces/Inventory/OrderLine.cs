namespace Shop.Grains.Interfaces.Inventory;

/// <summary>Units of one SKU in an order.</summary>
public sealed record OrderLine(string Sku, int Quantity);
