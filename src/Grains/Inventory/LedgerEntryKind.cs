namespace Shop.Grains.Inventory;

/// <summary>What a stock ledger line records.</summary>
public enum LedgerEntryKind
{
    Reserved,
    Confirmed,
    Released,
    Refunded,
    StockSet,
    PerUserLimitSet,
}
