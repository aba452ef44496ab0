using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Inventory;

namespace Shop.Grains.Tests.Inventory;

[Collection(InventoryOnSqlite.Name)]
public sealed class SkuGrainTests(GrainsClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private async Task<ISkuGrain> NewSkuAsync(int stock, int? limit = null)
    {
        var sku = Grains.GetGrain<ISkuGrain>($"SKU-{Guid.NewGuid():N}");
        await sku.PutOnSaleAsync();
        await sku.SetStockAsync(stock, "admin");
        if (limit is not null)
        {
            await sku.SetPerUserLimitAsync(limit, "admin");
        }

        return sku;
    }

    [Fact]
    public async Task A_reservation_holds_units_and_confirm_turns_them_into_a_sale()
    {
        var sku = await NewSkuAsync(10);

        var reserved = await sku.ReserveAsync("o1", "alice", 3);
        var afterReserve = await sku.GetViewAsync();
        var confirmed = await sku.ConfirmAsync("o1");
        var afterConfirm = await sku.GetViewAsync();

        Assert.Equal(ReservationStatus.Reserved, reserved.Status);
        Assert.Equal((10, 3, 0, 7), (afterReserve.Stock, afterReserve.Reserved, afterReserve.Sold, afterReserve.Available));
        Assert.Equal(SkuOrderChangeOutcome.Applied, confirmed.Outcome);
        Assert.Equal((7, 0, 3, 7), (afterConfirm.Stock, afterConfirm.Reserved, afterConfirm.Sold, afterConfirm.Available));
    }

    [Fact]
    public async Task Repeating_a_reservation_returns_the_first_answer_without_holding_more()
    {
        var sku = await NewSkuAsync(10);
        await sku.ReserveAsync("o1", "alice", 4);

        var again = await sku.ReserveAsync("o1", "alice", 4);

        Assert.True(again.Succeeded);
        Assert.True(again.Repeated);
        Assert.Equal(4, (await sku.GetViewAsync()).Reserved);
    }

    [Fact]
    public async Task A_reservation_larger_than_what_is_available_is_refused_and_changes_nothing()
    {
        var sku = await NewSkuAsync(2);

        var refused = await sku.ReserveAsync("o1", "alice", 3);

        Assert.Equal(ReservationStatus.OutOfStock, refused.Status);
        Assert.Equal(2, refused.Available);
        Assert.Null(await sku.GetOrderStatusAsync("o1"));
        Assert.Equal(0, (await sku.GetViewAsync()).Reserved);
    }

    [Fact]
    public async Task The_per_user_limit_counts_open_reservations_and_purchases_and_release_gives_room_back()
    {
        var sku = await NewSkuAsync(100, limit: 2);
        await sku.ReserveAsync("o1", "alice", 1);
        await sku.ConfirmAsync("o1");
        await sku.ReserveAsync("o2", "alice", 1);

        var third = await sku.ReserveAsync("o3", "alice", 1);
        await sku.ReleaseAsync("o2", "payment declined");
        var fourth = await sku.ReserveAsync("o4", "alice", 1);
        var bob = await sku.ReserveAsync("o5", "bob", 2);

        Assert.Equal(ReservationStatus.PurchaseLimitExceeded, third.Status);
        Assert.True(fourth.Succeeded);
        Assert.True(bob.Succeeded);
    }

    [Fact]
    public async Task Confirm_release_and_refund_are_idempotent_and_unknown_orders_are_no_ops_that_say_so()
    {
        var sku = await NewSkuAsync(10);
        await sku.ReserveAsync("o1", "alice", 2);
        await sku.ReserveAsync("o2", "bob", 1);

        Assert.Equal(SkuOrderChangeOutcome.Applied, (await sku.ConfirmAsync("o1")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.AlreadyApplied, (await sku.ConfirmAsync("o1")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.NotApplicable, (await sku.ReleaseAsync("o1", "too late")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.Applied, (await sku.ReleaseAsync("o2", "cancelled")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.AlreadyApplied, (await sku.ReleaseAsync("o2", "cancelled")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.Applied, (await sku.RefundAsync("o1")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.AlreadyApplied, (await sku.RefundAsync("o1")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.UnknownOrder, (await sku.ConfirmAsync("nope")).Outcome);
        Assert.Equal(SkuOrderChangeOutcome.UnknownOrder, (await sku.ReleaseAsync("nope", "x")).Outcome);

        var view = await sku.GetViewAsync();
        Assert.Equal((10, 0, 0), (view.Stock, view.Reserved, view.Sold));
    }

    [Fact]
    public async Task A_reservation_arriving_after_its_order_was_released_is_refused_and_holds_nothing()
    {
        // The order stopped waiting for its reservation (a timeout, a silo going away) and released it before the SKU saw it.
        var sku = await NewSkuAsync(5);
        Assert.Equal(SkuOrderChangeOutcome.UnknownOrder, (await sku.ReleaseAsync("late", "placement abandoned")).Outcome);

        var late = await sku.ReserveAsync("late", "alice", 2);

        Assert.Equal(ReservationStatus.OrderClosed, late.Status);
        Assert.Equal(SkuOrderStatus.Released, await sku.GetOrderStatusAsync("late"));
        Assert.Equal(SkuOrderChangeOutcome.AlreadyApplied, (await sku.ReleaseAsync("late", "again")).Outcome);
        var view = await sku.GetViewAsync();
        Assert.Equal((5, 0, 0, 5), (view.Stock, view.Reserved, view.Sold, view.Available));
        Assert.True((await sku.ReconcileAsync()).InSync);
    }

    [Fact]
    public async Task Stock_cannot_be_set_below_what_is_reserved()
    {
        var sku = await NewSkuAsync(10);
        await sku.ReserveAsync("o1", "alice", 6);

        var exception = await Assert.ThrowsAsync<StockBelowReservedException>(() => sku.SetStockAsync(5, "admin"));

        Assert.Equal(6, exception.Reserved);
        Assert.Equal(10, (await sku.GetViewAsync()).Stock);
        Assert.Equal(6, (await sku.SetStockAsync(6, "admin")).Stock);
    }

    [Fact]
    public async Task A_limit_below_what_a_user_already_holds_is_refused()
    {
        var sku = await NewSkuAsync(10);
        await sku.ReserveAsync("o1", "alice", 3);

        await Assert.ThrowsAsync<PerUserLimitBelowHoldingsException>(() => sku.SetPerUserLimitAsync(2, "admin"));
        Assert.Null((await sku.GetViewAsync()).PerUserLimit);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_with_typed_exceptions()
    {
        var sku = await NewSkuAsync(10);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sku.ReserveAsync("o1", "alice", 0));
        await Assert.ThrowsAsync<ArgumentException>(() => sku.ReserveAsync(" ", "alice", 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sku.SetStockAsync(-1, "admin"));
    }

    [Fact]
    public async Task The_ledger_alone_rebuilds_the_state()
    {
        var sku = await NewSkuAsync(20, limit: 5);
        await sku.ReserveAsync("o1", "alice", 2);
        await sku.ReserveAsync("o2", "bob", 3);
        await sku.ConfirmAsync("o1");
        await sku.ReleaseAsync("o2", "timeout");
        await sku.RefundAsync("o1");

        var report = await sku.ReconcileAsync();

        Assert.True(report.InSync, string.Join("; ", report.Drift));
        // Listed, stock, limit, two reservations, confirmation, release, refund.
        Assert.Equal(8, report.LedgerVersion);
        Assert.Empty(await Grains.GetGrain<IInventoryAuditGrain>(0).ReconcileAllAsync());
    }

    [Fact]
    public async Task Multi_sku_reservation_is_all_or_nothing()
    {
        var a = await NewSkuAsync(5);
        var b = await NewSkuAsync(1);
        var skuA = a.GetPrimaryKeyString();
        var skuB = b.GetPrimaryKeyString();

        var refused = await MultiSkuReservation.ReserveAllAsync(Grains, "order-1", "alice", [new(skuA, 2), new(skuB, 2)]);
        var accepted = await MultiSkuReservation.ReserveAllAsync(Grains, "order-2", "alice", [new(skuA, 2), new(skuB, 1)]);

        Assert.False(refused.Succeeded);
        Assert.Equal(skuB, refused.FailedLine!.Sku);
        Assert.Equal(SkuOrderStatus.Released, await a.GetOrderStatusAsync("order-1"));
        Assert.True(accepted.Succeeded);
        Assert.Equal(2, (await a.GetViewAsync()).Reserved);
        Assert.Equal(1, (await b.GetViewAsync()).Reserved);
    }
}
