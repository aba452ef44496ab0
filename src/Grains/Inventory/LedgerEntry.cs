using System.Text.Json.Serialization;
using Shop.Grains.Interfaces.Catalog;
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
[GenerateSerializer, Immutable]
public sealed record LedgerEntry(
    [property: Id(0)] LedgerEntryKind Kind,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderId,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    [property: Id(3)] int Quantity,
    [property: Id(4)] string Actor,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] int Stock,
    [property: Id(8)] int Reserved,
    [property: Id(9)] int Sold,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PerUserLimit,
    [property: Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SettledBefore = null,
    [property: Id(12), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ProductId = null,
    [property: Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Money? Price = null)
{
    /// <summary>The order status this line leaves its order in, for the order kinds.</summary>
    [JsonIgnore]
    public SkuOrderStatus? OrderStatus => Kind switch
    {
        LedgerEntryKind.Reserved => SkuOrderStatus.Reserved,
        LedgerEntryKind.Confirmed => SkuOrderStatus.Confirmed,
        LedgerEntryKind.Released or LedgerEntryKind.ClosedBeforeReserved => SkuOrderStatus.Released,
        LedgerEntryKind.Refunded => SkuOrderStatus.Refunded,
        _ => null,
    };
}
