using Shop.Grains.Interfaces.Inventory;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Grains.Inventory;

/// <summary>Reconciles every SKU that has a ledger against it.</summary>
public sealed class InventoryAuditGrain(IGrainStorage storage) : Grain, IInventoryAuditGrain
{
    private const int Parallelism = 16;

    public async Task<IReadOnlyList<ReconciliationReport>> ReconcileAllAsync()
    {
        var skus = await storage.ListJournaledKeysAsync("sku");
        var drifted = new List<ReconciliationReport>();
        foreach (var chunk in skus.Chunk(Parallelism))
        {
            var reports = await Task.WhenAll(chunk.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).ReconcileAsync()));
            drifted.AddRange(reports.Where(r => !r.InSync));
        }

        return drifted;
    }
}
