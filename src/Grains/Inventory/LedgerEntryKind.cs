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
    /// <summary>Orders settled before <see cref="LedgerEntry.SettledBefore"/> leave the state; their units stay counted.</summary>
    SettledOrdersForgotten,
}
