using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Gateway.Orders;

/// <summary>The body of a <c>202 Accepted</c>: the order to poll at its <c>Location</c>.</summary>
public sealed record OrderAccepted(string OrderId, string Status);

/// <summary><c>GET /api/orders/{orderId}</c> (API.md). The payment token is never shown back.</summary>
public sealed record OrderResponse(
    string OrderId,
    string UserId,
    string Status,
    IReadOnlyList<OrderItemResponse> Items,
    Money TotalAmount,
    string? PaymentToken,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderHistoryStep> History)
{
    public static OrderResponse From(OrderView order) => new(
        order.OrderId,
        order.UserId,
        order.Status.ToString(),
        [.. order.Items.Select(i => new OrderItemResponse(i.Sku, i.Quantity, i.UnitPrice))],
        order.TotalAmount,
        null,
        order.FailureReason,
        order.CreatedAt,
        order.UpdatedAt,
        order.History);
}

public sealed record OrderItemResponse(string Sku, int Quantity, Money UnitPrice);

/// <summary>One order of <c>GET /api/orders</c> and of the stuck-saga report.</summary>
public sealed record OrderSummaryResponse(
    string OrderId,
    string UserId,
    string Status,
    string Step,
    Money TotalAmount,
    int ItemCount,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderSummaryResponse From(OrderSummary order) => new(
        order.OrderId, order.UserId, order.Status.ToString(), order.Step.ToString(), order.TotalAmount, order.ItemCount,
        order.FailureReason, order.CreatedAt, order.UpdatedAt);
}

public sealed record OrderPageResponse(IReadOnlyList<OrderSummaryResponse> Items, int Page, int PageSize, long Total);
