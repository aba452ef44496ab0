using System.Text.Json.Serialization;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>
/// One insert-only line of a SKU's stock ledger: who (<see cref="Actor"/>), what (<see cref="Kind"/>,
/// order, user, quantity), why (<see cref="Reason"/>) and the numbers that resulted. Folding the ledger
/// from its first line rebuilds the SKU's state; the resulting numbers let every line be checked.
/// </summary>
/// <remarks>
/// A flash sale writes tens of thousands of lines a second, so a line carries no nulls (an absent member
/// reads back as null) and nothing derivable from the rest.
/// </remarks>
public sealed record LedgerEntry(
    LedgerEntryKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    int Quantity,
    string Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    DateTimeOffset At,
    int Stock,
    int Reserved,
    int Sold,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PerUserLimit)
{
    /// <summary>The order status this line leaves its order in, for the order kinds.</summary>
    [JsonIgnore]
    public SkuOrderStatus? OrderStatus => Kind switch
    {
        LedgerEntryKind.Reserved => SkuOrderStatus.Reserved,
        LedgerEntryKind.Confirmed => SkuOrderStatus.Confirmed,
        LedgerEntryKind.Released => SkuOrderStatus.Released,
        LedgerEntryKind.Refunded => SkuOrderStatus.Refunded,
        _ => null,
    };
}
