using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Providers;
using Orleans.Serialization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Operations;
using Shop.Journaling;

namespace Shop.Grains.Inventory;

/// <summary>
/// The stock of one SKU, owned in memory and changed one decision at a time. Each change is a ledger
/// line; lines raised while a commit is in flight go into the next commit together (group commit), and
/// every caller is answered once its line is durable. A request that cannot fit is refused at once.
/// Decisions are taken on <c>TentativeState</c> (durable lines plus those on their way), so two callers can
/// never both take the last unit.
/// </summary>
/// <remarks>
/// Each new reservation is counted in <see cref="SkuActivity"/> for the operations page's hot SKUs, when the host has one
/// (the silo does; a bare test silo need not).
/// </remarks>
[Reentrant]
[GrainType(GrainTypeName)]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
public sealed class SkuGrain(ILogger<SkuGrain> logger, IOptions<InventoryOptions> options, DeepCopier copier, SkuActivity? activity = null)
    : DurableJournaledGrain<SkuState, LedgerEntry>, ISkuGrain
{
    /// <summary>The grain type: the ledgers' <c>grain_type</c>, and what reconciliation lists.</summary>
    public const string GrainTypeName = "sku";

    private string Sku => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.ForgetSettledOrdersEvery;
        this.RegisterGrainTimer(ForgetSettledOrdersAsync, new GrainTimerCreationOptions(every, every) { Interleave = true });
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ReservationResult> ReserveAsync(string orderId, string userId, int quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);

        if (TentativeState.Orders.TryGetValue(orderId, out var existing))
        {
            // The first answer stands; it is repeated only once the first reservation is durable. A reservation that was
            // given back is not taken again: an order id holds stock once.
            await ConfirmAsync();
            var status = existing.Status is SkuOrderStatus.Released or SkuOrderStatus.Refunded ? ReservationStatus.OrderClosed : ReservationStatus.Reserved;
            return new ReservationResult(Sku, orderId, status, TentativeState.Available, Repeated: true);
        }

        if (!TentativeState.OnSale)
        {
            return new ReservationResult(Sku, orderId, ReservationStatus.NotForSale, 0);
        }

        if (quantity > TentativeState.Available)
        {
            return new ReservationResult(Sku, orderId, ReservationStatus.OutOfStock, TentativeState.Available);
        }

        if (TentativeState.PerUserLimit is { } limit && TentativeState.UnitsOf(userId) + quantity > limit)
        {
            return new ReservationResult(Sku, orderId, ReservationStatus.PurchaseLimitExceeded, TentativeState.Available);
        }

        RaiseEvent(TentativeState.ReservedLine(orderId, userId, quantity, DateTimeOffset.UtcNow));
        await ConfirmAsync();
        activity?.Reserved(Sku);
        return new ReservationResult(Sku, orderId, ReservationStatus.Reserved, TentativeState.Available);
    }

    public Task<SkuOrderChange> ConfirmAsync(string orderId) =>
        ChangeOrderAsync(orderId, SkuOrderStatus.Confirmed, SkuOrderStatus.Reserved, order => TentativeState.ConfirmedLine(orderId, order, DateTimeOffset.UtcNow));

    public async Task<SkuOrderChange> ReleaseAsync(string orderId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (!TentativeState.Orders.ContainsKey(orderId))
        {
            // The order lets go of a reservation this SKU has not seen, which may still be on its way (its caller stopped
            // waiting for the answer, or a silo is forwarding it). Closing the order here refuses it when it comes:
            // otherwise it would hold stock for an order that no longer wants it, and nobody would ever release it.
            RaiseEvent(TentativeState.ClosedBeforeReservedLine(orderId, reason, DateTimeOffset.UtcNow));
            await ConfirmAsync();
            return new SkuOrderChange(Sku, orderId, SkuOrderChangeOutcome.UnknownOrder, null);
        }

        return await ChangeOrderAsync(orderId, SkuOrderStatus.Released, SkuOrderStatus.Reserved, order => TentativeState.ReleasedLine(orderId, order, reason, DateTimeOffset.UtcNow));
    }

    public Task<SkuOrderChange> RefundAsync(string orderId) =>
        ChangeOrderAsync(orderId, SkuOrderStatus.Refunded, SkuOrderStatus.Confirmed, order => TentativeState.RefundedLine(orderId, order, DateTimeOffset.UtcNow));

    public async Task<SkuView> SetStockAsync(int stock, string actor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (stock < TentativeState.Reserved)
        {
            throw new StockBelowReservedException(Sku, stock, TentativeState.Reserved);
        }

        RaiseEvent(TentativeState.StockSetLine(stock, actor, DateTimeOffset.UtcNow));
        await ConfirmAsync();
        InventoryLog.StockSet(logger, Sku, stock, actor);
        return State.ToView(Sku, Version);
    }

    public async Task<SkuView> SetPerUserLimitAsync(int? perUserLimit, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (perUserLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            if (TentativeState.LargestHolding > limit)
            {
                throw new PerUserLimitBelowHoldingsException(Sku, limit, TentativeState.LargestHolding);
            }
        }

        RaiseEvent(TentativeState.PerUserLimitSetLine(perUserLimit, actor, DateTimeOffset.UtcNow));
        await ConfirmAsync();
        InventoryLog.PerUserLimitSet(logger, Sku, perUserLimit, actor);
        return State.ToView(Sku, Version);
    }

    public async Task<SkuView> AdjustAsync(InventoryAdjustment adjustment, string actor)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var state = TentativeState;
        if (adjustment.Stock is { } stock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(stock);
            if (stock < state.Reserved)
            {
                throw new StockBelowReservedException(Sku, stock, state.Reserved);
            }
        }

        if (adjustment.SetPerUserLimit && adjustment.PerUserLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            if (state.LargestHolding > limit)
            {
                throw new PerUserLimitBelowHoldingsException(Sku, limit, state.LargestHolding);
            }
        }

        // Both lines are raised before anything awaits, so they reach the journal in one append: both or neither.
        var now = DateTimeOffset.UtcNow;
        if (adjustment.Stock is { } newStock)
        {
            RaiseEvent(TentativeState.StockSetLine(newStock, actor, now));
        }

        if (adjustment.SetPerUserLimit)
        {
            RaiseEvent(TentativeState.PerUserLimitSetLine(adjustment.PerUserLimit, actor, now));
        }

        await ConfirmAsync();
        return State.ToView(Sku, Version);
    }

    public async Task<SkuView> GetViewAsync()
    {
        await ConfirmAsync();
        return State.ToView(Sku, Version);
    }

    public async Task<SkuOrderStatus?> GetOrderStatusAsync(string orderId)
    {
        await ConfirmAsync();
        return State.Orders.TryGetValue(orderId, out var order) ? order.Status : null;
    }

    public async Task<SkuClaim> ClaimAsync(long productId, Money price, int initialStock, int? perUserLimit)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentOutOfRangeException.ThrowIfNegative(initialStock);
        if (TentativeState.ProductId is { } owner && owner != productId)
        {
            return new SkuClaim(SkuClaimOutcome.Taken, owner);
        }

        var outcome = TentativeState.ProductId == productId ? SkuClaimOutcome.AlreadyClaimed : SkuClaimOutcome.Claimed;
        if (outcome == SkuClaimOutcome.Claimed || !TentativeState.OnSale || TentativeState.Price != price)
        {
            RaiseEvent(TentativeState.ListedLine(productId, price, initialStock, perUserLimit, ProductActor(productId), DateTimeOffset.UtcNow));
        }

        await ConfirmAsync();
        return new SkuClaim(outcome, productId);
    }

    public async Task WithdrawAsync(long productId)
    {
        if (TentativeState.ProductId == productId && TentativeState.OnSale)
        {
            RaiseEvent(TentativeState.WithdrawnLine(ProductActor(productId), DateTimeOffset.UtcNow));
        }

        await ConfirmAsync();
    }

    public async Task ReleaseClaimAsync(long productId)
    {
        if (TentativeState.ProductId == productId)
        {
            RaiseEvent(TentativeState.ClaimReleasedLine(ProductActor(productId), DateTimeOffset.UtcNow));
        }

        await ConfirmAsync();
    }

    public async Task<SkuListing?> GetListingAsync()
    {
        await ConfirmAsync();
        return State.ToListing(Sku);
    }

    public async Task<ReconciliationReport> ReconcileAsync()
    {
        await ConfirmAsync();

        // Taken together, with no await between: the confirmed state is exactly the ledger up to this version.
        // The comparison runs off the turn, on a copy: a SKU with a long ledger keeps selling while it is audited.
        var live = copier.Copy(State);
        var version = (long)Version;
        var (rebuilt, ledgerVersion) = await RebuildFromJournalAsync(version);
        var drift = await Task.Run(() => SkuStateComparer.Differences(SkuStateComparer.Describe(live), SkuStateComparer.Describe(rebuilt)));
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

    private static string ProductActor(long productId) => $"product:{productId}";

    protected override void Apply(SkuState state, LedgerEntry entry) => state.Apply(entry);

    protected override SkuState CopyForSnapshot(SkuState state) => state.Copy();

    /// <summary>Forgets settled orders past the retention period, so the state (and its snapshots) stays small.</summary>
    private async Task ForgetSettledOrdersAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var before = now - options.Value.SettledOrderRetention;
        var count = TentativeState.SettledBefore(before);
        if (count > 0)
        {
            RaiseEvent(TentativeState.ForgottenLine(before, count, now));
            await ConfirmAsync();
        }
    }

    private async Task<SkuOrderChange> ChangeOrderAsync(string orderId, SkuOrderStatus target, SkuOrderStatus requiredFrom, Func<SkuOrder, LedgerEntry> line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (!TentativeState.Orders.TryGetValue(orderId, out var order))
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
        await ConfirmAsync();
        return new SkuOrderChange(Sku, orderId, outcome, order.Status);
    }
}
