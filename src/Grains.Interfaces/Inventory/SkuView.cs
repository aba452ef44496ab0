namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// The numbers of a SKU. <see cref="Stock"/> is units on hand not yet sold, reserved ones included;
/// <see cref="Available"/> = Stock − Reserved.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.SkuView")]
public sealed record SkuView(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Stock,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Sold,
    [property: Id(4)] int Available,
    [property: Id(5)] int? PerUserLimit,
    [property: Id(6)] long Version);
