using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>An order as lists show it (the orders read model): no lines, no history.</summary>
[GenerateSerializer, Immutable, Alias("shop.OrderSummary")]
public sealed record OrderSummary(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string UserId,
    [property: Id(2)] OrderStatus Status,
    [property: Id(3)] SagaStep Step,
    [property: Id(4)] Money TotalAmount,
    [property: Id(5)] int ItemCount,
    [property: Id(6)] string? FailureReason,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);

/// <summary>One page of a buyer's orders, newest first.</summary>
[GenerateSerializer, Immutable, Alias("shop.OrderPage")]
public sealed record OrderPage(
    [property: Id(0)] IReadOnlyList<OrderSummary> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] long Total);
