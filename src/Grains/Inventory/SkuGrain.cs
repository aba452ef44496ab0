using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Inventory;
using Shop.Runtime;
using Shop.Runtime.Journaling;

namespace Shop.Grains.Inventory;

/// <summary>
/// The stock of one SKU, owned in memory and changed one decision at a time. Each change is a ledger
/// line; lines raised while a commit is in flight go into the next commit together (group commit), and
/// every caller is answered once its line is durable. A request that cannot fit is refused at once.
/// </summary>
[Reentrant]
public sealed class SkuGrain(ILogger<SkuGrain> logger) : JournaledGrain<SkuState, LedgerEntry>, ISkuGrain
{
    private string Sku => GetPrimaryKeyString();

    public async Task<ReservationResult> ReserveAsync(string orderId, string userId, int quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);

        if (State.Orders.ContainsKey(orderId))
        {
            // The first answer stands; it is repeated only once the first reservation is durable.
            await ConfirmEvents();
            return new ReservationResult(Sku, orderId, ReservationStatus.Reserved, State.Available, Repeated: true);
        }

        if (quantity > State.Available)
        {
            return new ReservationResult(Sku, orderId, ReservationStatus.OutOfStock, State.Available);
        }

        if (State.PerUserLimit is { } limit && State.UnitsOf(userId) + quantity > limit)
        {
            return new ReservationResult(Sku, orderId, ReservationStatus.PurchaseLimitExceeded, State.Available);
        }

        RaiseEvent(State.ReservedLine(orderId, userId, quantity, DateTimeOffset.UtcNow));
        await ConfirmEvents();
        return new ReservationResult(Sku, orderId, ReservationStatus.Reserved, State.Available);
    }

    public Task<SkuOrderChange> ConfirmAsync(string orderId) =>
        ChangeOrderAsync(orderId, SkuOrderStatus.Confirmed, SkuOrderStatus.Reserved, order => State.ConfirmedLine(orderId, order, DateTimeOffset.UtcNow));

    public Task<SkuOrderChange> ReleaseAsync(string orderId, string reason) =>
        ChangeOrderAsync(orderId, SkuOrderStatus.Released, SkuOrderStatus.Reserved, order => State.ReleasedLine(orderId, order, reason, DateTimeOffset.UtcNow));

    public Task<SkuOrderChange> RefundAsync(string orderId) =>
        ChangeOrderAsync(orderId, SkuOrderStatus.Refunded, SkuOrderStatus.Confirmed, order => State.RefundedLine(orderId, order, DateTimeOffset.UtcNow));

    public async Task<SkuView> SetStockAsync(int stock, string actor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (stock < State.Reserved)
        {
            throw new StockBelowReservedException(Sku, stock, State.Reserved);
        }

        RaiseEvent(State.StockSetLine(stock, actor, DateTimeOffset.UtcNow));
        await ConfirmEvents();
        InventoryLog.StockSet(logger, Sku, stock, actor);
        return State.ToView(Sku, Version);
    }

    public async Task<SkuView> SetPerUserLimitAsync(int? perUserLimit, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (perUserLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            if (State.LargestHolding > limit)
            {
                throw new PerUserLimitBelowHoldingsException(Sku, limit, State.LargestHolding);
            }
        }

        RaiseEvent(State.PerUserLimitSetLine(perUserLimit, actor, DateTimeOffset.UtcNow));
        await ConfirmEvents();
        InventoryLog.PerUserLimitSet(logger, Sku, perUserLimit, actor);
        return State.ToView(Sku, Version);
    }

    public async Task<SkuView> GetViewAsync()
    {
        await ConfirmEvents();
        return State.ToView(Sku, Version);
    }

    public async Task<SkuOrderStatus?> GetOrderStatusAsync(string orderId)
    {
        await ConfirmEvents();
        return State.Orders.TryGetValue(orderId, out var order) ? order.Status : null;
    }

    public async Task<ReconciliationReport> ReconcileAsync()
    {
        // Compare at a version where the live state is exactly the confirmed one.
        await ConfirmEvents();
        while (Version != ConfirmedVersion)
        {
            await ConfirmEvents();
        }

        var live = SkuStateComparer.Describe(State);
        var version = ConfirmedVersion;
        var (rebuilt, ledgerVersion) = await RebuildFromJournalAsync(version);
        var drift = SkuStateComparer.Differences(live, SkuStateComparer.Describe(rebuilt));
        if (ledgerVersion != version)
        {
            drift = [.. drift, $"ledger ends at version {ledgerVersion}, live state is at {version}"];
        }

        if (drift.Count > 0)
        {
            InventoryLog.Drift(logger, Sku, string.Join("; ", drift));
        }

        return new ReconciliationReport(Sku, ledgerVersion, drift);
    }

    protected override void TransitionState(SkuState state, LedgerEntry entry) => state.Apply(entry);

    private async Task<SkuOrderChange> ChangeOrderAsync(string orderId, SkuOrderStatus target, SkuOrderStatus requiredFrom, Func<SkuOrder, LedgerEntry> line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (!State.Orders.TryGetValue(orderId, out var order))
        {
            return new SkuOrderChange(Sku, orderId, SkuOrderChangeOutcome.UnknownOrder, null);
        }

        SkuOrderChangeOutcome outcome;
        if (order.Status == requiredFrom)
        {
            RaiseEvent(line(order));
            outcome = SkuOrderChangeOutcome.Applied;
        }
        else
        {
            outcome = order.Status == target ? SkuOrderChangeOutcome.AlreadyApplied : SkuOrderChangeOutcome.NotApplicable;
        }

        // Even an answer that changes nothing waits until what it saw is durable.
        await ConfirmEvents();
        return new SkuOrderChange(Sku, orderId, outcome, order.Status);
    }
}
