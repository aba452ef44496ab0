namespace Shop.Grains.Cart;

[GenerateSerializer]
public sealed class CartState
{
    /// <summary>SKU and quantity, in the order the lines were added.</summary>
    [Id(0)]
    public List<CartItem> Items { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record CartItem([property: Id(0)] string Sku, [property: Id(1)] int Quantity);
