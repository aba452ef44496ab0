using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Inventory;
using Shop.Grains.Tests.Hosting;
using Shop.Journaling;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// The journal's version check fences a stale activation. Two live activations of one SKU cannot be forced in a
/// healthy cluster, so the "other writer" here is a ledger line appended straight to the store behind the back of
/// the live activation, as a second activation on a cut-off silo would.
/// </summary>
[Collection(InventoryOnSqlite.Name)]
public sealed class SkuFencingTests(GrainsClusterFixture fixture)
{
    [Fact]
    public async Task An_activation_whose_ledger_was_written_behind_its_back_refuses_to_write_and_the_next_one_sees_that_line()
    {
        var sku = fixture.Grains.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}");
        await sku.PutOnSaleAsync();
        await sku.SetStockAsync(10, "admin");
        await sku.ReserveAsync("o1", "alice", 2);
        var seen = await sku.GetViewAsync();
        var deactivated = fixture.Cluster.WaitForDeactivationAsync(sku);

        // A stock recount by "another activation": the next ledger line, written without this activation knowing.
        var recount = new LedgerEntry(
            LedgerEntryKind.StockSet, null, null, Quantity: 5, Actor: "warehouse", Reason: "recount", At: DateTimeOffset.UtcNow,
            Stock: 15, Reserved: 2, Sold: 0, PerUserLimit: null);
        await fixture.Journals.AppendAsync(sku.GetGrainId(), seen.Version, [JournalJson.Serialize(recount)], snapshot: null);

        // The live activation's next append finds the journal moved on: the caller is told, nothing is written.
        var refused = await Assert.ThrowsAsync<JournalFencedException>(() => sku.ReserveAsync("o2", "bob", 1));
        Assert.IsType<Orleans.Storage.InconsistentStateException>(refused.InnerException);

        // The fenced activation goes away, wrote nothing more (the store ends at the recount) and, once gone,
        // does not keep reading its journal either.
        await deactivated.WaitAsync(TimeSpan.FromMinutes(2));
        var readsWhenGone = fixture.Cluster.JournalReadsOf(sku.GetGrainId());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(readsWhenGone, fixture.Cluster.JournalReadsOf(sku.GetGrainId()));
        var ledger = await fixture.Journals.ReadEntriesAsync(sku.GetGrainId(), 0);
        Assert.Equal(seen.Version + 1, ledger[^1].Version);

        // The next call reaches a fresh activation that read the recount.
        var view = await sku.GetViewAsync();
        Assert.Equal((15, 2, 0, seen.Version + 1), (view.Stock, view.Reserved, view.Sold, view.Version));
        Assert.Null(await sku.GetOrderStatusAsync("o2"));
        Assert.Equal(SkuOrderStatus.Reserved, await sku.GetOrderStatusAsync("o1"));

        // Retrying the refused reservation now succeeds, once.
        Assert.True((await sku.ReserveAsync("o2", "bob", 1)).Succeeded);
        Assert.True((await sku.ReserveAsync("o2", "bob", 1)).Repeated);
        Assert.Equal(3, (await sku.GetViewAsync()).Reserved);
        var report = await sku.ReconcileAsync();
        Assert.True(report.InSync, string.Join("; ", report.Drift));
    }
}
