using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// Which product sells a SKU and at what price. A SKU can be ordered only while <see cref="OnSale"/>; one that was never
/// claimed by a product has no listing at all (an unknown SKU).
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.SkuListing")]
public sealed record SkuListing(
    [property: Id(0)] string Sku,
    [property: Id(1)] long ProductId,
    [property: Id(2)] Money Price,
    [property: Id(3)] bool OnSale,
    [property: Id(4)] int Available);
