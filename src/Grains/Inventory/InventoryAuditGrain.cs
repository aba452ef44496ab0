using Shop.Grains.Interfaces.Inventory;
using Shop.Journaling;

namespace Shop.Grains.Inventory;

/// <summary>Reconciles every SKU that has a ledger against it.</summary>
public sealed class InventoryAuditGrain(IJournalStorage journals) : Grain, IInventoryAuditGrain
{
    private const int Parallelism = 16;

    public async Task<IReadOnlyList<ReconciliationReport>> ReconcileAllAsync()
    {
        var skus = await journals.ListKeysAsync(GrainType.Create(SkuGrain.GrainTypeName));
        var drifted = new List<ReconciliationReport>();
        foreach (var chunk in skus.Chunk(Parallelism))
        {
            var reports = await Task.WhenAll(chunk.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).ReconcileAsync()));
            drifted.AddRange(reports.Where(r => !r.InSync));
        }

        return drifted;
    }
}
