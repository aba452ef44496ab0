namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// The order's placement was interrupted (a crash between reserving and committing) and has been abandoned, its
/// reservations released; the id cannot be placed again. A caller that retries places the order under a new id.
/// </summary>
[GenerateSerializer, Alias("shop.OrderPlacementAbandonedException")]
public sealed class OrderPlacementAbandonedException(string orderId)
    : Exception($"The placement of order {orderId} was interrupted and abandoned; place it again under a new id.")
{
    [Id(0)]
    public string OrderId { get; } = orderId;
}
