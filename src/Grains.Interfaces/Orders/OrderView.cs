using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// An order as its buyer sees it (API.md, <c>GET /api/orders/{orderId}</c>), plus what operators need: the saga's step,
/// the journal version it reflects, and when the saga supervisor should look at it again (null once it is settled).
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string UserId,
    [property: Id(2)] OrderStatus Status,
    [property: Id(3)] SagaStep Step,
    [property: Id(4)] IReadOnlyList<OrderItem> Items,
    [property: Id(5)] Money TotalAmount,
    [property: Id(6)] string? FailureReason,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] IReadOnlyList<OrderHistoryStep> History,
    [property: Id(10)] long Version,
    [property: Id(11)] DateTimeOffset? NextCheckAt)
{
    /// <summary>Whether the buyer was ever answered for it (an order still placing, or abandoned, is nobody's to see).</summary>
    public bool IsPlaced => Step.IsPlaced();
}
