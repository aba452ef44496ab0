using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Catalog;

/// <summary>
/// The category tree. A category's level and path are computed once, from its parent's, when it is created; nothing ever
/// moves, so a product's category paths stay true and listings query them by prefix without walking the tree.
/// </summary>
public sealed class CategoryTreeGrain([PersistentState("category-tree")] IPersistentState<CategoryTreeState> tree)
    : Grain, ICategoryTreeGrain
{
    public const int MaxNameLength = 100;

    public async Task<Category> CreateAsync(string name, int? parentId)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new ArgumentException($"A category name has 1 to {MaxNameLength} characters.", nameof(name));
        }

        var parent = parentId is { } id ? Find(id) : null;
        var categoryId = tree.State.LastId + 1;
        var category = parent is null
            ? new Category(categoryId, name.Trim(), null, 0, categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new Category(categoryId, name.Trim(), parent.CategoryId, parent.Level + 1, $"{parent.Path}/{categoryId}");

        tree.State.Categories[categoryId] = category;
        tree.State.LastId = categoryId;
        try
        {
            await tree.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not created: the memory must not claim otherwise.
            tree.State.Categories.Remove(categoryId);
            tree.State.LastId = categoryId - 1;
            throw;
        }

        return category;
    }

    public Task<IReadOnlyList<Category>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Category>>([.. tree.State.Categories.Values.OrderBy(c => c.CategoryId)]);

    public Task<Category?> FindAsync(int categoryId) => Task.FromResult(tree.State.Categories.GetValueOrDefault(categoryId));

    public Task<ProductPlacement> PlaceAsync(IReadOnlyList<int> categoryIds, int primaryCategoryId)
    {
        var paths = categoryIds.Distinct().Select(id => Find(id).Path).ToList();
        var breadcrumbs = new List<Category>();
        for (Category? category = Find(primaryCategoryId); category is not null; category = category.ParentId is { } parent ? Find(parent) : null)
        {
            breadcrumbs.Insert(0, category);
        }

        return Task.FromResult(new ProductPlacement(paths, breadcrumbs));
    }

    private Category Find(int categoryId) =>
        tree.State.Categories.TryGetValue(categoryId, out var category) ? category : throw new UnknownCategoryException(categoryId);
}
