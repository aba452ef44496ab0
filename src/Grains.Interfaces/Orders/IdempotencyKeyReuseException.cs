namespace Shop.Grains.Interfaces.Orders;

/// <summary>An idempotency key that already placed an order was sent again with another request (HTTP 422 <c>idempotency-key-reuse</c>).</summary>
[GenerateSerializer, Alias("shop.IdempotencyKeyReuseException")]
public sealed class IdempotencyKeyReuseException(string key, string orderId)
    : Exception($"Idempotency key '{key}' already placed order {orderId} with another request.")
{
    [Id(0)]
    public string Key { get; } = key;

    [Id(1)]
    public string OrderId { get; } = orderId;
}
