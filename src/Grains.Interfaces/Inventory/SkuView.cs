namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// The numbers of a SKU. <see cref="Stock"/> is units on hand not yet sold, reserved ones included;
/// <see cref="Available"/> = Stock − Reserved.
/// </summary>
public sealed record SkuView(string Sku, int Stock, int Reserved, int Sold, int Available, int? PerUserLimit, long Version);
