namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A product as its grain holds it: the document, when it was created and last replaced, and the breadcrumbs of its primary category.</summary>
[GenerateSerializer, Immutable, Alias("shop.ProductDetails")]
public sealed record ProductDetails(
    [property: Id(0)] long ProductId,
    [property: Id(1)] ProductDocument Document,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] IReadOnlyList<Category> CategoryBreadcrumbs);
