using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>One line of an order, at the price the catalog asked when the order was placed.</summary>
[GenerateSerializer, Immutable, Alias("shop.OrderItem")]
public sealed record OrderItem(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] Money UnitPrice);
