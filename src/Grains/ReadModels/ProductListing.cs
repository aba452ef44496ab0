using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.ReadModels;

/// <summary>
/// A product's row in the catalog read model, as of <see cref="Version"/> (the product journal's version).
/// <see cref="CategoryPaths"/> holds the path of every category the product is in (e.g. <c>"1/4/28"</c>), so a
/// listing with descendants is a prefix match, never a walk over the tree. <see cref="SearchText"/> is what search
/// matches (title, brand, model, description and attribute values).
/// </summary>
public sealed record ProductListing(
    long ProductId,
    long Version,
    string Title,
    string Brand,
    int PrimaryCategoryId,
    IReadOnlyList<string> CategoryPaths,
    Money MinPrice,
    string? MainImageUrl,
    string SearchText,
    DateTimeOffset UpdatedAt);
