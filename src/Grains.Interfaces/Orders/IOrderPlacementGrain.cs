namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// One buyer's idempotency key (key: <c>{userId}/{Idempotency-Key}</c>): the order it placed, and a fingerprint of the
/// request that placed it. The grain is not reentrant, so concurrent repeats of one key are decided one after another.
/// </summary>
[Alias("shop.IOrderPlacementGrain")]
public interface IOrderPlacementGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places <paramref name="order"/> once: the first call picks an order id (durably, before anything is reserved) and
    /// places it; a repeat with the same request returns that order as it is now; a repeat with another request throws
    /// <see cref="IdempotencyKeyReuseException"/>. A refused order is not remembered, so a repeat decides anew.
    /// </summary>
    Task<OrderView> PlaceAsync(PlaceOrder order);

    public static string KeyOf(string userId, string idempotencyKey) => $"{userId}/{idempotencyKey}";
}
