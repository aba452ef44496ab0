using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Gateway.Resilience;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Gateway.Catalog;

/// <summary>API.md, Catalog and Search: the category tree, products, listings, search and warming before a sale.</summary>
public static class CatalogEndpoints
{
    public const int MaxQueryLength = 200;

    public static void MapCatalogEndpoints(this RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        api.MapGet("/categories", ListCategoriesAsync).WithName("ListCategories");
        api.MapGet("/categories/{categoryId:int}/products", ListCategoryProductsAsync).WithName("ListCategoryProducts")
            .Produces<ProductPage>().Refuses(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed).Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        api.MapGet("/products/{productId:long}", GetProductAsync).WithName("GetProduct")
            .Produces<ProductResponse>().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        api.MapGet("/search", SearchAsync).WithName("Search")
            .Produces<ProductPage>().Refuses(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed);

        admin.MapPost("/categories", CreateCategoryAsync).WithName("CreateCategory")
            .Produces<Category>(StatusCodes.Status201Created).RefusesBadBodies();
        admin.MapPost("/products", CreateProductAsync).WithName("CreateProduct")
            .Produces<ProductResponse>(StatusCodes.Status201Created).RefusesBadBodies().Refuses(StatusCodes.Status409Conflict, ProblemCodes.SkuTaken);
        admin.MapPut("/products/{productId:long}", ReplaceProductAsync).WithName("ReplaceProduct")
            .Produces<ProductResponse>().RefusesBadBodies().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound).Refuses(StatusCodes.Status409Conflict, ProblemCodes.SkuTaken);
        admin.MapDelete("/products/{productId:long}", DeleteProductAsync).WithName("DeleteProduct")
            .Produces(StatusCodes.Status204NoContent).Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        admin.MapPost("/warmup", WarmUpAsync).WithName("WarmUp").RepeatableOnClusterChange()
            .Produces<WarmupResponse>(StatusCodes.Status202Accepted).RefusesBadBodies();
    }

    private static Task<IReadOnlyList<Category>> ListCategoriesAsync(IGrainFactory grains) => CategoryTree(grains).ListAsync();

    private static async Task<IResult> CreateCategoryAsync(CategoryRequest body, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 100)
        {
            return ApiProblem.Validation("name", "1 to 100 characters.");
        }

        if (body.ParentId is { } parentId && await CategoryTree(grains).FindAsync(parentId) is null)
        {
            return ApiProblem.Validation("parentId", $"Category {parentId} does not exist.");
        }

        var category = await CategoryTree(grains).CreateAsync(body.Name, body.ParentId);
        return TypedResults.Created($"/api/categories/{category.CategoryId}", category);
    }

    private static async Task<IResult> ListCategoryProductsAsync(int categoryId, bool? includeDescendants, int? page, int? pageSize, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Check(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        if (await CategoryTree(grains).FindAsync(categoryId) is null)
        {
            return ApiProblem.NotFound($"Category {categoryId} does not exist.");
        }

        var result = await Queries(grains).ListCategoryAsync(categoryId, includeDescendants ?? true, page ?? 1, pageSize ?? Paging.DefaultPageSize);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> SearchAsync(string? q, int? categoryId, string? brand, decimal? minPrice, decimal? maxPrice, int? page, int? pageSize, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Check(page, pageSize, errors);
        if (q is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"At most {MaxQueryLength} characters."];
        }

        if (brand is { Length: > ProductRules.MaxNameLength })
        {
            errors["brand"] = [$"At most {ProductRules.MaxNameLength} characters."];
        }

        if (minPrice < 0)
        {
            errors["minPrice"] = ["Must not be negative."];
        }

        if (maxPrice < 0 || (minPrice is not null && maxPrice < minPrice))
        {
            errors["maxPrice"] = ["Must not be negative or below minPrice."];
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        if (categoryId is { } id && await CategoryTree(grains).FindAsync(id) is null)
        {
            return ApiProblem.Validation("categoryId", $"Category {id} does not exist.");
        }

        var query = new SearchQuery(q?.Trim(), null, string.IsNullOrWhiteSpace(brand) ? null : brand.Trim(), minPrice, maxPrice, page ?? 1, pageSize ?? Paging.DefaultPageSize);
        return TypedResults.Ok(await Queries(grains).SearchAsync(query, categoryId));
    }

    private static async Task<IResult> GetProductAsync(long productId, IGrainFactory grains, ProductPageJson pages)
    {
        var view = await grains.GetGrain<IProductGrain>(productId).ViewAsync();
        return view is null
            ? ApiProblem.NotFound($"Product {productId} does not exist.")
            : TypedResults.Bytes(pages.Of(view), ProductPageJson.ContentType);
    }

    private static async Task<IResult> CreateProductAsync(ProductRequest body, IGrainFactory grains)
    {
        var (document, errors) = body.ToDocument();
        if (document is null)
        {
            return ApiProblem.Validation(errors);
        }

        var productId = await grains.GetGrain<IIdSequenceGrain>("product").NextAsync();
        var product = grains.GetGrain<IProductGrain>(productId);
        await product.CreateAsync(document);
        return await product.ViewAsync() is { } view
            ? TypedResults.Created($"/api/products/{productId}", ProductResponse.From(view))
            : ApiProblem.NotFound($"Product {productId} was deleted as it was created.");
    }

    private static async Task<IResult> ReplaceProductAsync(long productId, ProductRequest body, IGrainFactory grains)
    {
        var (document, errors) = body.ToDocument();
        if (document is null)
        {
            return ApiProblem.Validation(errors);
        }

        var product = grains.GetGrain<IProductGrain>(productId);
        await product.ReplaceAsync(document);
        return await product.ViewAsync() is { } view
            ? TypedResults.Ok(ProductResponse.From(view))
            : ApiProblem.NotFound($"Product {productId} was deleted as it was replaced.");
    }

    private static async Task<IResult> DeleteProductAsync(long productId, IGrainFactory grains)
    {
        await grains.GetGrain<IProductGrain>(productId).DeleteAsync();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Activates the named products and SKUs (reading their state from storage once) wherever placement puts them across the
    /// silos, so the first buyers of a sale do not wait for cold starts. Answers once they are all in memory.
    /// </summary>
    private static async Task<IResult> WarmUpAsync(WarmupRequest body, IGrainFactory grains)
    {
        var productIds = body.ProductIds ?? [];
        var skus = body.Skus ?? [];
        if (productIds.Count + skus.Count > WarmupRequest.MaxItems)
        {
            return ApiProblem.Validation("productIds", $"At most {WarmupRequest.MaxItems} products and SKUs together.");
        }

        if (productIds.Any(id => id < 1))
        {
            return ApiProblem.Validation("productIds", "Product ids are positive numbers.");
        }

        if (skus.Any(s => !ProductRules.IsValidSku(s)))
        {
            return ApiProblem.Validation("skus", $"Each SKU is 1 to {ProductRules.MaxSkuLength} characters: letters, digits, '-', '_' or '.'.");
        }

        using var throttle = new SemaphoreSlim(64);
        async Task WarmAsync(Func<Task> activate)
        {
            await throttle.WaitAsync();
            try
            {
                await activate();
            }
            finally
            {
                throttle.Release();
            }
        }

        await Task.WhenAll(
            productIds.Distinct().Select(id => WarmAsync(() => grains.GetGrain<IProductGrain>(id).GetAsync()))
                .Concat(skus.Distinct().Select(sku => WarmAsync(() => grains.GetGrain<ISkuGrain>(sku).GetListingAsync()))));
        return TypedResults.Accepted((string?)null, new WarmupResponse(productIds.Distinct().Count(), skus.Distinct().Count()));
    }

    private static ICategoryTreeGrain CategoryTree(IGrainFactory grains) => grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key);

    private static ICatalogQueryGrain Queries(IGrainFactory grains) => grains.GetGrain<ICatalogQueryGrain>(0);
}
