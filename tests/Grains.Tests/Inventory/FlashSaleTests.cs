using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Tests.Hosting;
using Shop.TestKit;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// The flash sale: 10,000 concurrent one-unit reservations against 100 units from 1,000 users with a
/// per-user limit of 2. Exactly 100 succeed, nobody gets more than 2, and the durable state agrees
/// after the cluster restarts; confirming sales afterwards moves units from stock to sold without losing any.
/// Run on each store.
/// </summary>
public abstract class FlashSaleTests
{
    /// <summary>The settings of this store; every cluster started with them uses the same data.</summary>
    protected abstract ShopClusterSettings Settings { get; }

    [Fact]
    public async Task Ten_thousand_buyers_for_one_hundred_units_never_oversell_and_nobody_exceeds_the_limit()
    {
        var key = $"FLASH-{Guid.NewGuid():N}";
        var results = new List<(string User, ReservationResult Result)>();
        var cluster = await ShopCluster.StartAsync(Settings);
        try
        {
            var sku = cluster.GrainFactory.GetGrain<ISkuGrain>(key);
            await sku.PutOnSaleAsync();
            await sku.SetStockAsync(100, "admin");
            await sku.SetPerUserLimitAsync(2, "admin");

            var attempts = Enumerable.Range(0, 10_000).Select(i =>
            {
                var user = $"user-{i % 1000}";
                return Task.Run(async () => (user, await sku.ReserveAsync($"order-{i}", user, 1)));
            });
            results.AddRange(await Task.WhenAll(attempts));
        }
        finally
        {
            await cluster.StopAsync();
        }

        var granted = results.Where(r => r.Result.Succeeded).ToList();
        Assert.Equal(100, granted.Count);
        Assert.True(granted.GroupBy(r => r.User).All(g => g.Count() <= 2));
        Assert.All(results.Where(r => !r.Result.Succeeded), r => Assert.Contains(r.Result.Status, new[] { ReservationStatus.OutOfStock, ReservationStatus.PurchaseLimitExceeded }));

        // What was acknowledged is what is durable: a new cluster on the same store agrees.
        var restarted = await ShopCluster.StartAsync(Settings);
        try
        {
            var reloaded = restarted.GrainFactory.GetGrain<ISkuGrain>(key);
            var view = await reloaded.GetViewAsync();
            Assert.Equal((100, 100, 0, 0), (view.Stock, view.Reserved, view.Sold, view.Available));
            foreach (var (_, result) in granted)
            {
                Assert.Equal(SkuOrderStatus.Reserved, await reloaded.GetOrderStatusAsync(result.OrderId));
            }

            Assert.True((await reloaded.ReconcileAsync()).InSync);

            // Half of the buyers pay: units move from stock to sold, none appear or vanish.
            await Task.WhenAll(granted.Take(50).Select(g => reloaded.ConfirmAsync(g.Result.OrderId)));
            var afterSales = await reloaded.GetViewAsync();
            Assert.Equal((50, 50, 50, 0), (afterSales.Stock, afterSales.Reserved, afterSales.Sold, afterSales.Available));
            Assert.Equal(100, afterSales.Stock + afterSales.Sold);
            var report = await reloaded.ReconcileAsync();
            Assert.True(report.InSync, string.Join("; ", report.Drift));
        }
        finally
        {
            await restarted.StopAsync();
        }
    }
}

public sealed class SqliteFlashSaleTests : FlashSaleTests, IDisposable
{
    private readonly string _directory = TempDirectory.Create("flash-sqlite");

    protected override ShopClusterSettings Settings => field ??= new ShopClusterSettings { Store = InventoryStore.Sqlite, Location = _directory };

    public void Dispose() => TempDirectory.Delete(_directory);
}
