namespace Shop.Grains.Interfaces.Inventory;

/// <summary>The result of comparing a SKU's live state with the state its ledger alone rebuilds.</summary>
public sealed record ReconciliationReport(string Sku, long LedgerVersion, IReadOnlyList<string> Drift)
{
    public bool InSync => Drift.Count == 0;
}
