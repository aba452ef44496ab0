namespace Shop.Grains.Interfaces.Catalog;

/// <summary>Where a product sits in the tree: the paths of all its categories, and its primary category's breadcrumbs (root first).</summary>
[GenerateSerializer, Immutable, Alias("shop.ProductPlacement")]
public sealed record ProductPlacement(
    [property: Id(0)] IReadOnlyList<string> CategoryPaths,
    [property: Id(1)] IReadOnlyList<Category> Breadcrumbs);
