namespace Shop.Grains.Interfaces.Inventory;

[GenerateSerializer]
public enum ReservationStatus
{
    /// <summary>The units are held for the order (durably).</summary>
    Reserved,
    /// <summary>Fewer units are available than asked for.</summary>
    OutOfStock,
    /// <summary>The user would go over the SKU's per-user limit.</summary>
    PurchaseLimitExceeded,
    /// <summary>No product sells the SKU (never listed, or taken off sale).</summary>
    NotForSale,
    /// <summary>The order's reservation here was already given back (released or refunded); an order id holds stock once.</summary>
    OrderClosed,
}

/// <summary>The answer to a reservation. <see cref="Repeated"/> is true when the order had already been reserved.</summary>
[GenerateSerializer, Immutable, Alias("shop.ReservationResult")]
public sealed record ReservationResult(
    [property: Id(0)] string Sku,
    [property: Id(1)] string OrderId,
    [property: Id(2)] ReservationStatus Status,
    [property: Id(3)] int Available,
    [property: Id(4)] bool Repeated = false)
{
    public bool Succeeded => Status == ReservationStatus.Reserved;
}
