using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Cart;

/// <summary>A cart as the shopper sees it (API.md, Cart): lines in the order they were added, and the total.</summary>
[GenerateSerializer, Immutable, Alias("shop.CartView")]
public sealed record CartView(
    [property: Id(0)] IReadOnlyList<CartLine> Items,
    [property: Id(1)] Money Total);
