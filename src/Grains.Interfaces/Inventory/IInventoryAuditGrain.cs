
namespace Shop.Grains.Interfaces.Inventory;

/// <summary>Checks every SKU's state against its ledger (use key 0).</summary>
[Alias("shop.IInventoryAuditGrain")]
public interface IInventoryAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Reports the SKUs whose state has drifted from their ledger; empty when all agree.</summary>
    Task<IReadOnlyList<ReconciliationReport>> ReconcileAllAsync();
}
