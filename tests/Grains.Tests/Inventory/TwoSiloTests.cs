using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Runtime;
using Orleans.TestingHost;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Tests.Hosting;
using Shop.TestKit;
using Eventually = Shop.Grains.Tests.Hosting.Eventually;
using Xunit.Abstractions;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// Two silos on one MariaDB database: SKUs live on either silo, the client reaches them wherever they are, and
/// when a silo dies or shuts down its SKUs come back on the survivor with every acknowledged reservation.
/// </summary>
public sealed class TwoSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private MySqlTestDatabase _database = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _cluster = await ShopCluster.StartAsync(new ShopClusterSettings
        {
            Store = InventoryStore.MySql,
            Location = _database.ConnectionString,
            Silos = 2,
            QuickFailureDetection = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public Task Skus_on_a_killed_silo_answer_again_on_the_survivor_with_every_acknowledged_reservation() =>
        SkusMoveToTheSurvivorAsync(silo => _cluster.KillSiloAsync(silo));

    [Fact]
    public Task Skus_on_a_silo_that_shuts_down_answer_again_on_the_survivor_with_every_acknowledged_reservation() =>
        SkusMoveToTheSurvivorAsync(silo => _cluster.StopSiloAsync(silo));

    private async Task SkusMoveToTheSurvivorAsync(Func<SiloHandle, Task> loseSilo)
    {
        var grains = _cluster.GrainFactory;
        var management = grains.GetGrain<IManagementGrain>(0);
        var primary = _cluster.Primary!.SiloAddress;
        var secondary = _cluster.SecondarySilos[0];

        // Open SKUs until both silos host a few: the client does not choose, placement does.
        var hostOf = new Dictionary<ISkuGrain, SiloAddress>();
        int Hosted(SiloAddress silo) => hostOf.Values.Count(h => h.Equals(silo));
        for (var i = 0; i < 400 && (Hosted(primary) < 4 || Hosted(secondary.SiloAddress) < 4); i++)
        {
            var sku = grains.GetGrain<ISkuGrain>($"SKU-{i}-{Guid.NewGuid():N}");
            await sku.PutOnSaleAsync();
            await sku.SetStockAsync(10_000, "admin");
            hostOf[sku] = (await management.GetActivationAddress(sku))!;
        }

        var onSecondary = hostOf.Where(h => h.Value.Equals(secondary.SiloAddress)).Select(h => h.Key).ToList();
        Step($"{hostOf.Count} SKUs opened, {onSecondary.Count} on the secondary silo");
        Assert.True(onSecondary.Count >= 4 && hostOf.Count - onSecondary.Count >= 4, $"placement put {onSecondary.Count} of {hostOf.Count} SKUs on the secondary silo");

        // Reservations from the client succeed whichever silo holds the SKU.
        foreach (var sku in hostOf.Keys)
        {
            Assert.True((await sku.ReserveAsync("before-1", "alice", 2)).Succeeded);
            Assert.True((await sku.ReserveAsync("before-2", "bob", 3)).Succeeded);
        }

        // Buyers keep reserving on the secondary's SKUs while it goes; each acknowledged reservation is noted.
        var acknowledged = new ConcurrentBag<(ISkuGrain Sku, string Order)>();
        var unknown = new ConcurrentBag<(ISkuGrain Sku, string Order)>();
        using var stopBuying = new CancellationTokenSource();
        var buyers = onSecondary.Select((sku, n) => Task.Run(async () =>
        {
            for (var i = 0; i < 5_000 && !stopBuying.IsCancellationRequested; i++)
            {
                var order = $"during-{n}-{i}";
                try
                {
                    if ((await sku.ReserveAsync(order, $"buyer-{i}", 1)).Succeeded)
                    {
                        acknowledged.Add((sku, order));
                    }
                }
                catch (Exception)
                {
                    unknown.Add((sku, order)); // outcome unknown: the silo went with the call in flight
                    await Task.Delay(50);
                }
            }
        })).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= onSecondary.Count), "a few reservations acknowledged before the silo goes");
        Step("losing the secondary silo");
        await loseSilo(secondary);
        Step("secondary silo gone");

        // The secondary's SKUs answer again, now on the primary.
        foreach (var sku in onSecondary)
        {
            await Eventually.SucceedsAsync(() => sku.GetViewAsync(), $"{sku.GetPrimaryKeyString()} answers on the survivor");
            Assert.Equal(primary, await management.GetActivationAddress(sku));
        }

        Step("its SKUs answer on the survivor");
        stopBuying.Cancel();
        await Task.WhenAll(buyers);
        Step($"buyers stopped: {acknowledged.Count} acknowledged, {unknown.Count} unknown");

        // Retrying the reservations whose outcome was unknown is safe: an order is never held twice.
        foreach (var (sku, order) in unknown)
        {
            var retried = await Eventually.SucceedsAsync(() => sku.ReserveAsync(order, "retry", 1), $"retry of {order}");
            Assert.True(retried.Succeeded);
        }

        foreach (var (sku, order) in acknowledged)
        {
            Assert.Equal(SkuOrderStatus.Reserved, await sku.GetOrderStatusAsync(order));
        }

        foreach (var sku in hostOf.Keys)
        {
            Assert.Equal(SkuOrderStatus.Reserved, await sku.GetOrderStatusAsync("before-1"));
            Assert.Equal(SkuOrderStatus.Reserved, await sku.GetOrderStatusAsync("before-2"));
            var duringOrders = acknowledged.Count(a => a.Sku.Equals(sku)) + unknown.Count(u => u.Sku.Equals(sku));
            var view = await sku.GetViewAsync();
            Assert.Equal(5 + duringOrders, view.Reserved);
            Assert.Equal(10_000, view.Stock);
            var report = await sku.ReconcileAsync();
            Assert.True(report.InSync, string.Join("; ", report.Drift));
        }

        // New reservations keep working on the SKUs that moved.
        foreach (var sku in onSecondary)
        {
            Assert.True((await sku.ReserveAsync("after", "carol", 1)).Succeeded);
        }
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed:mm\\:ss\\.fff} {what}");
}
