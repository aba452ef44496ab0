namespace Shop.Grains.Interfaces.Catalog;

/// <summary>The catalog's read side (listings and search over the read model), served by a stateless worker on every silo.</summary>
[Alias("shop.ICatalogQueryGrain")]
public interface ICatalogQueryGrain : IGrainWithIntegerKey
{
    /// <summary>A page of the category's products (with those of its descendants when asked). Throws <see cref="UnknownCategoryException"/>.</summary>
    Task<ProductPage> ListCategoryAsync(int categoryId, bool includeDescendants, int page, int pageSize);

    /// <summary>
    /// A page of search results, best match first; <paramref name="categoryId"/> restricts to a category and its descendants
    /// (the query's own <see cref="SearchQuery.CategoryPath"/> is ignored). Throws <see cref="UnknownCategoryException"/>.
    /// </summary>
    Task<ProductPage> SearchAsync(SearchQuery query, int? categoryId);
}
