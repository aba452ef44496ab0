using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>
/// One insert-only line of a SKU's stock ledger: who (<see cref="Actor"/>), what (<see cref="Kind"/>,
/// order, user, quantity), why (<see cref="Reason"/>) and the numbers that resulted. Folding the ledger
/// from its first line rebuilds the SKU's state; the resulting numbers let every line be checked.
/// </summary>
public sealed record LedgerEntry(
    LedgerEntryKind Kind,
    string? OrderId,
    string? UserId,
    int Quantity,
    string Actor,
    string? Reason,
    DateTimeOffset At,
    int Stock,
    int Reserved,
    int Sold,
    int? PerUserLimit)
{
    /// <summary>The order status this line leaves its order in, for the order kinds.</summary>
    public SkuOrderStatus? OrderStatus => Kind switch
    {
        LedgerEntryKind.Reserved => SkuOrderStatus.Reserved,
        LedgerEntryKind.Confirmed => SkuOrderStatus.Confirmed,
        LedgerEntryKind.Released => SkuOrderStatus.Released,
        LedgerEntryKind.Refunded => SkuOrderStatus.Refunded,
        _ => null,
    };
}
