namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A SKU that no product sells (it never existed, or its product took it off sale).</summary>
[GenerateSerializer, Alias("shop.UnknownSkuException")]
public sealed class UnknownSkuException(string sku)
    : Exception($"SKU {sku} does not exist or is not for sale.")
{
    [Id(0)]
    public string Sku { get; } = sku;
}
