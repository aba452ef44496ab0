using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Tests.Inventory;

/// <summary>Inventory tests trade SKUs directly: a product must put a SKU on sale before it can be reserved.</summary>
internal static class SkuListingSetup
{
    public const long ProductId = 1;

    public static readonly Money Price = new(1000m, "KRW");

    /// <summary>Claims the SKU for a test product with no stock; the test then sets the stock it wants.</summary>
    public static Task<SkuClaim> PutOnSaleAsync(this ISkuGrain sku) => sku.ClaimAsync(ProductId, Price, 0, null);
}
