namespace Shop.Gateway.Orders;

/// <summary>The body of <c>POST /api/orders</c> (API.md, Orders).</summary>
public sealed record OrderRequest(IReadOnlyList<OrderLineRequest?>? Items, string? PaymentToken);

public sealed record OrderLineRequest(string? Sku, int? Quantity);

/// <summary>The body of <c>POST /api/cart/checkout</c>.</summary>
public sealed record CheckoutRequest(string? PaymentToken);
