namespace Shop.Grains.Interfaces.Inventory;

/// <summary>Units of one SKU in an order.</summary>
[GenerateSerializer, Immutable, Alias("shop.OrderLine")]
public sealed record OrderLine([property: Id(0)] string Sku, [property: Id(1)] int Quantity);
