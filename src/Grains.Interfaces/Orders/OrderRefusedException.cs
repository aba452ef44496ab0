namespace Shop.Grains.Interfaces.Orders;

/// <summary>The order was not placed and nothing of it is reserved: <see cref="Reason"/> at <see cref="Sku"/>.</summary>
[GenerateSerializer, Alias("shop.OrderRefusedException")]
public sealed class OrderRefusedException(OrderRefusal reason, string sku, int available)
    : Exception(reason switch
    {
        OrderRefusal.OutOfStock => $"SKU {sku} has only {available} units available.",
        OrderRefusal.PurchaseLimitExceeded => $"The order would exceed the per-user limit of SKU {sku}.",
        _ => $"SKU {sku} does not exist or is not for sale.",
    })
{
    [Id(0)]
    public OrderRefusal Reason { get; } = reason;

    [Id(1)]
    public string Sku { get; } = sku;

    [Id(2)]
    public int Available { get; } = available;
}
