using Orleans.TestingHost;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Inventory;
using Shop.Grains.Tests.Hosting;
using Shop.Journaling;
using Shop.TestKit;
using Eventually = Shop.Grains.Tests.Hosting.Eventually;

namespace Shop.Grains.Tests.Inventory;

/// <summary>A SQLite cluster whose SKUs forget settled orders almost at once (retention 200 ms, checked every 250 ms).</summary>
public sealed class ForgetfulClusterFixture : IAsyncLifetime
{
    private readonly string _directory = TempDirectory.Create("grains-forgetful");

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await ShopCluster.StartAsync(new ShopClusterSettings
        {
            Store = InventoryStore.Sqlite,
            Location = _directory,
            SettledOrderRetention = TimeSpan.FromMilliseconds(200),
            ForgetSettledOrdersEvery = TimeSpan.FromMilliseconds(250),
        });

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAsync();
        }

        TempDirectory.Delete(_directory);
    }
}

/// <summary>
/// Settled orders (confirmed, released, refunded) leave a SKU's state after the retention period, so that a SKU
/// selling for years stays small; open reservations stay, bought units keep counting against the per-user limit,
/// and the ledger (with its SettledOrdersForgotten lines) still rebuilds the state.
/// </summary>
public sealed class SettledOrderForgettingTests(ForgetfulClusterFixture fixture) : IClassFixture<ForgetfulClusterFixture>
{
    [Fact]
    public async Task Settled_orders_are_forgotten_open_reservations_stay_and_bought_units_still_count_against_the_limit()
    {
        var sku = fixture.Cluster.GrainFactory.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}");
        await sku.PutOnSaleAsync();
        await sku.SetStockAsync(10, "admin");
        await sku.SetPerUserLimitAsync(3, "admin");
        Assert.True((await sku.ReserveAsync("bought", "alice", 2)).Succeeded);
        Assert.Equal(SkuOrderChangeOutcome.Applied, (await sku.ConfirmAsync("bought")).Outcome);
        Assert.True((await sku.ReserveAsync("open", "alice", 1)).Succeeded);
        Assert.True((await sku.ReserveAsync("abandoned", "bob", 1)).Succeeded);
        Assert.Equal(SkuOrderChangeOutcome.Applied, (await sku.ReleaseAsync("abandoned", "cart expired")).Outcome);

        await Eventually.HoldsAsync(
            async () => await sku.GetOrderStatusAsync("bought") is null && await sku.GetOrderStatusAsync("abandoned") is null,
            "the confirmed and the released order are forgotten");

        await AssertRemembersWhatMattersAsync(sku);

        // The ledger says why the orders left, and alone rebuilds the state.
        var ledger = (await fixture.Cluster.Journals().ReadEntriesAsync(sku.GetGrainId(), 0))
            .Select(e => JournalJson.Deserialize<LedgerEntry>(e.Payload))
            .ToList();
        Assert.Contains(ledger, line => line.Kind == LedgerEntryKind.SettledOrdersForgotten);
        Assert.Equal(2, ledger.Where(line => line.Kind == LedgerEntryKind.SettledOrdersForgotten).Sum(line => line.Quantity));
        var report = await sku.ReconcileAsync();
        Assert.True(report.InSync, string.Join("; ", report.Drift));

        // So does a fresh activation.
        await fixture.Cluster.DeactivateAsync(sku);
        await AssertRemembersWhatMattersAsync(sku);
        var reloaded = await sku.ReconcileAsync();
        Assert.True(reloaded.InSync, string.Join("; ", reloaded.Drift));
    }

    [Fact]
    public async Task An_order_forgotten_after_its_sale_can_no_longer_be_refunded_but_stock_and_sold_stay_right()
    {
        var sku = fixture.Cluster.GrainFactory.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}");
        await sku.PutOnSaleAsync();
        await sku.SetStockAsync(5, "admin");
        await sku.ReserveAsync("o1", "alice", 2);
        await sku.ConfirmAsync("o1");

        await Eventually.HoldsAsync(async () => await sku.GetOrderStatusAsync("o1") is null, "the sale is forgotten");

        Assert.Equal(SkuOrderChangeOutcome.UnknownOrder, (await sku.RefundAsync("o1")).Outcome);
        var view = await sku.GetViewAsync();
        Assert.Equal((3, 0, 2), (view.Stock, view.Reserved, view.Sold));
        Assert.True((await sku.ReconcileAsync()).InSync);
    }

    private static async Task AssertRemembersWhatMattersAsync(ISkuGrain sku)
    {
        Assert.Null(await sku.GetOrderStatusAsync("bought"));
        Assert.Null(await sku.GetOrderStatusAsync("abandoned"));
        Assert.Equal(SkuOrderStatus.Reserved, await sku.GetOrderStatusAsync("open"));

        var view = await sku.GetViewAsync();
        Assert.Equal((8, 1, 2, 7), (view.Stock, view.Reserved, view.Sold, view.Available));

        // Alice bought 2 (a forgotten order) and holds 1: at a limit of 3 she can take no more, nor can the limit go below 3.
        Assert.Equal(ReservationStatus.PurchaseLimitExceeded, (await sku.ReserveAsync($"more-{Guid.NewGuid():N}", "alice", 1)).Status);
        await Assert.ThrowsAsync<PerUserLimitBelowHoldingsException>(() => sku.SetPerUserLimitAsync(2, "admin"));
    }
}
