using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Cart;

/// <summary>One line of a cart with the SKU's current price and live availability (0 once the SKU is off sale).</summary>
[GenerateSerializer, Immutable, Alias("shop.CartLine")]
public sealed record CartLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] Money UnitPrice,
    [property: Id(3)] int Available);
