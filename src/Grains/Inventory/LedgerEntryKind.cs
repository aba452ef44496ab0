namespace Shop.Grains.Inventory;

/// <summary>What a stock ledger line records.</summary>
public enum LedgerEntryKind
{
    Reserved,
    Confirmed,
    Released,
    /// <summary>
    /// An order released here before any reservation of it arrived (its caller stopped waiting for the answer, or the
    /// request was still on its way): the order is closed, so a reservation of it arriving later is refused.
    /// </summary>
    ClosedBeforeReserved,
    Refunded,
    StockSet,
    PerUserLimitSet,
    /// <summary>Orders settled before <see cref="LedgerEntry.SettledBefore"/> leave the state; their units stay counted.</summary>
    SettledOrdersForgotten,
    /// <summary>A product put the SKU on sale at <see cref="LedgerEntry.Price"/> (its first claim also sets stock and per-user limit).</summary>
    Listed,
    /// <summary>Its product took the SKU off sale (replaced without it, or deleted).</summary>
    Withdrawn,
    /// <summary>Its product gave the SKU up (an abandoned draft); another product may claim it.</summary>
    ClaimReleased,
}
