namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// An administrator's change to a SKU's inventory. <see cref="Stock"/> null leaves the stock alone; the per-user limit
/// changes only when <see cref="SetPerUserLimit"/> is true (to <see cref="PerUserLimit"/>, null for no limit).
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.InventoryAdjustment")]
public sealed record InventoryAdjustment(
    [property: Id(0)] int? Stock,
    [property: Id(1)] bool SetPerUserLimit,
    [property: Id(2)] int? PerUserLimit);
