namespace Shop.Grains.Interfaces.Inventory;

/// <summary>The result of comparing a SKU's live state with the state its ledger alone rebuilds.</summary>
[GenerateSerializer, Immutable, Alias("shop.ReconciliationReport")]
public sealed record ReconciliationReport([property: Id(0)] string Sku, [property: Id(1)] long LedgerVersion, [property: Id(2)] IReadOnlyList<string> Drift)
{
    public bool InSync => Drift.Count == 0;
}
