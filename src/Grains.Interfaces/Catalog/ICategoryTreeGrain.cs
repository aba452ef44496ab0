namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// The catalog's category tree (one grain, key <see cref="Key"/>). Categories are few and read constantly, so the whole
/// tree lives in this grain's memory; a category's level and path are fixed when it is created.
/// </summary>
[Alias("shop.ICategoryTreeGrain")]
public interface ICategoryTreeGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Creates a category under <paramref name="parentId"/> (a root when null). Throws <see cref="UnknownCategoryException"/> for a missing parent.</summary>
    Task<Category> CreateAsync(string name, int? parentId);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Category>> ListAsync();

    [Orleans.Concurrency.ReadOnly]
    Task<Category?> FindAsync(int categoryId);

    /// <summary>
    /// The categories a product names, and the breadcrumbs (root first) of its primary one. Throws
    /// <see cref="UnknownCategoryException"/> when one does not exist.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ProductPlacement> PlaceAsync(IReadOnlyList<int> categoryIds, int primaryCategoryId);
}
