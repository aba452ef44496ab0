namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// One product of the catalog (key: product id, from <see cref="IIdSequenceGrain"/>). Reads come from the grain's memory,
/// so however many readers ask for a cold product at once, it is activated and read from storage once.
/// </summary>
[Alias("shop.IProductGrain")]
public interface IProductGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates the product and puts its SKUs on sale with their initial stock and per-user limit. Throws
    /// <see cref="InvalidProductException"/>, <see cref="UnknownCategoryException"/> or <see cref="SkuTakenException"/>,
    /// and then nothing is created.
    /// </summary>
    Task<ProductDetails> CreateAsync(ProductDocument document);

    /// <summary>
    /// Replaces the document: new SKUs go on sale, dropped ones come off sale, prices change; stock does not. Throws as
    /// <see cref="CreateAsync"/> does, and <see cref="ProductNotFoundException"/>.
    /// </summary>
    Task<ProductDetails> ReplaceAsync(ProductDocument document);

    /// <summary>Takes the product off sale everywhere: out of listings and search, and its SKUs can no longer be ordered. Idempotent.</summary>
    Task DeleteAsync();

    /// <summary>The product, or null when there is none (never created, or deleted).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ProductDetails?> GetAsync();

    /// <summary>The product with its variants' availability (see <see cref="ProductView"/>), or null when there is none.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ProductView?> ViewAsync();

    /// <summary>
    /// Whether this product sells <paramref name="sku"/>, after finishing any change of its own that a crash interrupted.
    /// Another product that finds the SKU claimed by this one asks this before it gives up.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> SellsAsync(string sku);
}
