namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A SKU that another product already sells: SKUs are unique across the catalog.</summary>
[GenerateSerializer, Alias("shop.SkuTakenException")]
public sealed class SkuTakenException(string sku, long ownerProductId)
    : Exception($"SKU {sku} belongs to product {ownerProductId}.")
{
    [Id(0)]
    public string Sku { get; } = sku;

    [Id(1)]
    public long OwnerProductId { get; } = ownerProductId;
}
