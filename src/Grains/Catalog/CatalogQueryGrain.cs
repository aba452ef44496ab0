using Orleans.Concurrency;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;

namespace Shop.Grains.Catalog;

/// <summary>
/// Listings and search, answered from the catalog read model by a stateless worker on the silo that takes the call.
/// A category id becomes its path here, so the read model only ever matches path prefixes.
/// </summary>
[StatelessWorker]
public sealed class CatalogQueryGrain(ICatalogReadModel readModel) : Grain, ICatalogQueryGrain
{
    public async Task<ProductPage> ListCategoryAsync(int categoryId, bool includeDescendants, int page, int pageSize)
    {
        var category = await FindAsync(categoryId);
        return await readModel.ListByCategoryAsync(category.Path, includeDescendants, page, pageSize);
    }

    public async Task<ProductPage> SearchAsync(SearchQuery query, int? categoryId)
    {
        var path = categoryId is { } id ? (await FindAsync(id)).Path : null;
        return await readModel.SearchAsync(query with { CategoryPath = path });
    }

    private async Task<Category> FindAsync(int categoryId) =>
        await GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).FindAsync(categoryId)
        ?? throw new UnknownCategoryException(categoryId);
}
