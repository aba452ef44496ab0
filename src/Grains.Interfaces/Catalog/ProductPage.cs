namespace Shop.Grains.Interfaces.Catalog;

/// <summary>One page of a category listing or of search results; <see cref="Total"/> counts every match.</summary>
[GenerateSerializer, Immutable, Alias("shop.ProductPage")]
public sealed record ProductPage(
    [property: Id(0)] IReadOnlyList<ProductSummary> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] long Total);
