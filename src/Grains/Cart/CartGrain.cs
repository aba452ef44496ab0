using Shop.Grains.Interfaces.Cart;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Cart;

/// <summary>
/// A shopper's cart. Only what the shopper chose is stored; each time the cart is shown, every line asks its SKU for
/// the current price and availability, so a cart never shows a stale price or a sold-out item as available.
/// </summary>
public sealed class CartGrain([PersistentState("cart")] IPersistentState<CartState> cart) : Grain, ICartGrain
{
    /// <summary>The currency of an empty cart's total.</summary>
    public const string DefaultCurrency = "KRW";

    public Task<CartView> GetAsync() => ViewAsync();

    public async Task<CartView> SetQuantityAsync(string sku, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, ICartGrain.MaxQuantity);
        if (quantity == 0)
        {
            return await RemoveAsync(sku);
        }

        var listing = await GrainFactory.GetGrain<ISkuGrain>(sku).GetListingAsync();
        if (listing is not { OnSale: true })
        {
            throw new UnknownSkuException(sku);
        }

        var index = cart.State.Items.FindIndex(i => i.Sku == sku);
        if (index < 0 && cart.State.Items.Count >= ICartGrain.MaxLines)
        {
            throw new ArgumentOutOfRangeException(nameof(sku), $"A cart holds at most {ICartGrain.MaxLines} lines.");
        }

        var before = cart.State.Items.ToList();
        if (index < 0)
        {
            cart.State.Items.Add(new CartItem(sku, quantity));
        }
        else
        {
            cart.State.Items[index] = new CartItem(sku, quantity);
        }

        await WriteAsync(before);
        return await ViewAsync();
    }

    public async Task<CartView> RemoveAsync(string sku)
    {
        var before = cart.State.Items.ToList();
        if (cart.State.Items.RemoveAll(i => i.Sku == sku) > 0)
        {
            await WriteAsync(before);
        }

        return await ViewAsync();
    }

    public async Task ClearAsync()
    {
        if (cart.State.Items.Count > 0)
        {
            var before = cart.State.Items.ToList();
            cart.State.Items.Clear();
            await WriteAsync(before);
        }
    }

    /// <summary>Writes the cart; if the write fails the memory goes back to what storage still has.</summary>
    private async Task WriteAsync(List<CartItem> before)
    {
        try
        {
            await cart.WriteStateAsync();
        }
        catch
        {
            cart.State.Items = before;
            throw;
        }
    }

    private async Task<CartView> ViewAsync()
    {
        var items = cart.State.Items.ToList();
        var listings = await Task.WhenAll(items.Select(i => GrainFactory.GetGrain<ISkuGrain>(i.Sku).GetListingAsync()));
        var lines = items.Zip(listings, (item, listing) => new CartLine(
                item.Sku,
                item.Quantity,
                listing?.Price ?? new Money(0m, DefaultCurrency),
                listing is { OnSale: true } ? listing.Available : 0))
            .ToList();
        var currency = lines.FirstOrDefault()?.UnitPrice.Currency ?? DefaultCurrency;
        var total = lines.Where(l => l.UnitPrice.Currency == currency).Sum(l => l.UnitPrice.Amount * l.Quantity);
        return new CartView(lines, new Money(total, currency));
    }
}
