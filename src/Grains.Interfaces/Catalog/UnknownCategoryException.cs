namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A category id that the tree does not have.</summary>
[GenerateSerializer, Alias("shop.UnknownCategoryException")]
public sealed class UnknownCategoryException(int categoryId)
    : Exception($"Category {categoryId} does not exist.")
{
    [Id(0)]
    public int CategoryId { get; } = categoryId;
}
