using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>
/// An order's units at one SKU. <see cref="SettledAt"/> is when it was confirmed, released or refunded; null
/// while it is reserved. A value, not an object: a flash sale keeps hundreds of thousands of them.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct SkuOrder(
    [property: Id(0)] string UserId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] SkuOrderStatus Status,
    [property: Id(3)] DateTimeOffset? SettledAt = null);
