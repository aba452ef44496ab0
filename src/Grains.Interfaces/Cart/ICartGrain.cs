namespace Shop.Grains.Interfaces.Cart;

/// <summary>A user's cart (key: the user id). It keeps SKUs and quantities; prices and availability are read live from the SKUs.</summary>
[Alias("shop.ICartGrain")]
public interface ICartGrain : IGrainWithStringKey
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    [Orleans.Concurrency.ReadOnly]
    Task<CartView> GetAsync();

    /// <summary>
    /// Sets a line's quantity (0 removes it). Throws <see cref="Catalog.UnknownSkuException"/> for a SKU that is not for sale,
    /// and <see cref="ArgumentOutOfRangeException"/> outside 0–<see cref="MaxQuantity"/> or past <see cref="MaxLines"/> lines.
    /// </summary>
    Task<CartView> SetQuantityAsync(string sku, int quantity);

    Task<CartView> RemoveAsync(string sku);

    /// <summary>Empties the cart (when its order is accepted).</summary>
    Task ClearAsync();
}
