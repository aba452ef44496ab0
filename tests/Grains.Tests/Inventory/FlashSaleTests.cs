using Shop.Grains.Interfaces.Inventory;
using Shop.Runtime;
using Shop.TestKit;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// The flash sale: 10,000 concurrent one-unit reservations against 100 units from 1,000 users with a
/// per-user limit of 2. Exactly 100 succeed, nobody gets more than 2, and the durable state agrees
/// after the silo restarts. Run on each provider.
/// </summary>
public abstract class FlashSaleTests
{
    protected abstract Task<TestCluster> StartClusterAsync();

    [Fact]
    public async Task Ten_thousand_buyers_for_one_hundred_units_never_oversell_and_nobody_exceeds_the_limit()
    {
        var key = $"FLASH-{Guid.NewGuid():N}";
        var results = new List<(string User, ReservationResult Result)>();
        await using (var cluster = await StartClusterAsync())
        {
            var sku = cluster.GrainFactory.GetGrain<ISkuGrain>(key);
            await sku.SetStockAsync(100, "admin");
            await sku.SetPerUserLimitAsync(2, "admin");

            var attempts = Enumerable.Range(0, 10_000).Select(i =>
            {
                var user = $"user-{i % 1000}";
                return Task.Run(async () => (user, await sku.ReserveAsync($"order-{i}", user, 1)));
            });
            results.AddRange(await Task.WhenAll(attempts));
        }

        var granted = results.Where(r => r.Result.Succeeded).ToList();
        Assert.Equal(100, granted.Count);
        Assert.True(granted.GroupBy(r => r.User).All(g => g.Count() <= 2));
        Assert.All(results.Where(r => !r.Result.Succeeded), r => Assert.Contains(r.Result.Status, new[] { ReservationStatus.OutOfStock, ReservationStatus.PurchaseLimitExceeded }));

        // What was acknowledged is what is durable: a new silo on the same database agrees.
        await using var restarted = await StartClusterAsync();
        var reloaded = restarted.GrainFactory.GetGrain<ISkuGrain>(key);
        var view = await reloaded.GetViewAsync();
        Assert.Equal((100, 100, 0), (view.Stock, view.Reserved, view.Available));
        foreach (var (_, result) in granted)
        {
            Assert.Equal(SkuOrderStatus.Reserved, await reloaded.GetOrderStatusAsync(result.OrderId));
        }

        Assert.True((await reloaded.ReconcileAsync()).InSync);
    }
}

public sealed class SqliteFlashSaleTests : FlashSaleTests, IDisposable
{
    private readonly string _directory = TempDirectory.Create("flash-sqlite");

    protected override Task<TestCluster> StartClusterAsync() =>
        TestCluster.StartAsync(silo => Runtime.Hosting.SiloBuilderExtensions.AddGrains(silo, typeof(GrainsAssembly).Assembly), _directory);

    public void Dispose() => TempDirectory.Delete(_directory);
}
