namespace Shop.Grains.Interfaces.Inventory;

public enum ReservationStatus
{
    /// <summary>The units are held for the order (durably).</summary>
    Reserved,
    /// <summary>Fewer units are available than asked for.</summary>
    OutOfStock,
    /// <summary>The user would go over the SKU's per-user limit.</summary>
    PurchaseLimitExceeded,
}

/// <summary>The answer to a reservation. <see cref="Repeated"/> is true when the order had already been reserved.</summary>
public sealed record ReservationResult(string Sku, string OrderId, ReservationStatus Status, int Available, bool Repeated = false)
{
    public bool Succeeded => Status == ReservationStatus.Reserved;
}
