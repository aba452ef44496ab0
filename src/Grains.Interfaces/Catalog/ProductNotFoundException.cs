namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A product id with no product, or one that was deleted.</summary>
[GenerateSerializer, Alias("shop.ProductNotFoundException")]
public sealed class ProductNotFoundException(long productId)
    : Exception($"Product {productId} does not exist.")
{
    [Id(0)]
    public long ProductId { get; } = productId;
}
