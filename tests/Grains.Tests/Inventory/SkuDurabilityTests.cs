using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Inventory;
using Shop.Journaling;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// A SKU lives longer than its activation: after deactivation the next activation reads the newest snapshot
/// and the ledger lines after it, and answers exactly as the previous one did.
/// </summary>
[Collection(InventoryOnSqlite.Name)]
public sealed class SkuDurabilityTests(GrainsClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_deactivated_sku_comes_back_from_its_snapshot_and_ledger_with_the_same_stock_orders_and_limits()
    {
        var sku = Grains.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}");
        var orders = await TradeAsync(sku);
        var before = await sku.GetViewAsync();
        var statusesBefore = await StatusesAsync(sku, orders);

        await fixture.Cluster.DeactivateAsync(sku);
        Assert.False(fixture.Cluster.TryGetGrainContext(sku.GetGrainId(), out _));

        // Snapshots were written along the way: the store holds one and only the tail after it.
        var stored = await fixture.Journals.ReadAsync(sku.GetGrainId());
        Assert.NotNull(stored.Snapshot);
        Assert.True(stored.Snapshot.Version >= 10, $"snapshot at version {stored.Snapshot.Version}");
        Assert.Equal(before.Version, stored.Snapshot.Version + stored.Entries.Count);

        var after = await sku.GetViewAsync();
        Assert.Equal(before, after);
        Assert.Equal(statusesBefore, await StatusesAsync(sku, orders));
        var report = await sku.ReconcileAsync();
        Assert.True(report.InSync, string.Join("; ", report.Drift));

        // The reloaded SKU still remembers what each order and each user did.
        var repeated = await sku.ReserveAsync("o1", "bo", 2);
        Assert.True(repeated.Repeated);
        Assert.Equal(SkuOrderChangeOutcome.AlreadyApplied, (await sku.ConfirmAsync("o1")).Outcome);
        Assert.Equal(ReservationStatus.PurchaseLimitExceeded, (await sku.ReserveAsync("o-more", "bo", 2)).Status);
        Assert.Equal(before, await sku.GetViewAsync());
    }

    [Fact]
    public async Task Collecting_every_idle_activation_loses_nothing_and_the_audit_finds_no_drift()
    {
        var skus = Enumerable.Range(0, 5).Select(_ => Grains.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}")).ToList();
        foreach (var sku in skus)
        {
            await TradeAsync(sku);
        }

        var before = await Task.WhenAll(skus.Select(s => s.GetViewAsync()));
        var deactivated = skus.Select(s => fixture.Cluster.WaitForDeactivationAsync(s)).ToList();

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.WhenAll(deactivated).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(before, await Task.WhenAll(skus.Select(s => s.GetViewAsync())));
        Assert.Empty(await Grains.GetGrain<IInventoryAuditGrain>(0).ReconcileAllAsync());
    }

    /// <summary>Two dozen ledger lines: stock, a limit, reservations, sales, a release and a refund.</summary>
    private static async Task<string[]> TradeAsync(ISkuGrain sku)
    {
        await sku.PutOnSaleAsync();
        await sku.SetStockAsync(100, "admin");
        await sku.SetPerUserLimitAsync(5, "admin");
        var users = new[] { "ann", "bo", "cy", "di" };
        var orders = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            var order = $"o{i}";
            var result = await sku.ReserveAsync(order, users[i % users.Length], i == 1 ? 2 : 1);
            Assert.True(result.Succeeded, $"{order}: {result.Status}");
            orders.Add(order);
        }

        for (var i = 1; i <= 6; i++)
        {
            await sku.ConfirmAsync($"o{i}");
        }

        await sku.ReleaseAsync("o7", "payment declined");
        await sku.ReleaseAsync("o8", "payment declined");
        await sku.RefundAsync("o2");
        await sku.SetStockAsync(120, "admin");
        return [.. orders];
    }

    private static async Task<SkuOrderStatus?[]> StatusesAsync(ISkuGrain sku, IEnumerable<string> orders) =>
        await Task.WhenAll(orders.Select(o => sku.GetOrderStatusAsync(o)));
}
