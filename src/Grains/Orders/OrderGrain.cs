using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Payments;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Inventory;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Grains.Orders;

/// <summary>
/// One order and its saga. Every step is a journal line committed before the next step begins, and the journal is the
/// outbox: each line reaches payment and the order lists through the <see cref="OrderStreams.Orders"/> stream. Payment
/// answers on the <see cref="OrderStreams.Payments"/> stream, which this grain consumes. The grain is not reentrant, so a
/// buyer's cancel, a payment's answer and the supervisor's nudge are decided one after another, never interleaved.
/// </summary>
[GrainType("order")]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
[ImplicitStreamSubscription(OrderStreams.Payments)]
public sealed class OrderGrain(IOptions<OrderOptions> options, EventHandling handling, SagaFaults faults, TimeProvider time, ILogger<OrderGrain> logger)
    : DurableJournaledGrain<OrderState, OrderEvent>, IOrderGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    // When this activation last reminded the payment; the supervisor looks every few seconds, the payment needs it far less often.
    private DateTimeOffset _remindedAt = DateTimeOffset.MinValue;

    private string OrderId => this.GetPrimaryKeyString();

    private OrderOptions Settings => options.Value;

    protected override string? EventStreamNamespace => OrderStreams.Orders;

    public async Task<OrderView> PlaceAsync(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        switch (TentativeState.Step)
        {
            case SagaStep.Abandoned:
                throw new OrderPlacementAbandonedException(OrderId);
            case SagaStep.None:
                await StartPlacementAsync(order);
                break;
            case SagaStep.Placing or SagaStep.AbandoningPlacement:
                // A placement that never finished (its activation died, or a SKU's answer was lost). It is not reserved
                // again under this id: a release it sent may still be on its way to a SKU and would undo the new
                // reservation after the order was placed. It is abandoned, and its caller places the order under a new id.
                await ContinueAsync();
                throw new OrderPlacementAbandonedException(OrderId);
            default:
                return View();
        }

        var lines = State.Items.Select(i => new OrderLine(i.Sku, i.Quantity)).ToList();
        MultiSkuReservationResult reservation;
        try
        {
            reservation = await MultiSkuReservation.ReserveAllAsync(GrainFactory, OrderId, State.UserId, lines);
        }
        catch
        {
            // The outcome at some SKU is unknown. Abandon the placement once every line is released for certain;
            // until then it stays Placing, and the supervisor abandons it (releasing again) after ResumeAfter.
            await TryAbandonAsync();
            throw;
        }

        if (reservation.FailedLine is { Status: ReservationStatus.OrderClosed })
        {
            // An earlier attempt of this placement was undone at a SKU (released, then the crash came before it was
            // recorded here): this id cannot hold stock again, so the placement is abandoned and its caller starts afresh.
            await TryAbandonAsync();
            throw new OrderPlacementAbandonedException(OrderId);
        }

        if (reservation.FailedLine is { } refused)
        {
            Raise(OrderEventKind.PlacementRefused);
            await ConfirmAsync();
            throw new OrderRefusedException(RefusalOf(refused.Status), refused.Sku, refused.Available);
        }

        faults.Reached(SagaPoint.Reserved);
        Raise(OrderEventKind.Placed);
        await ConfirmAsync();
        OrderLog.Placed(logger, OrderId, State.UserId, State.Total.Amount, State.Total.Currency);
        return View();
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(State.Step == SagaStep.None ? null : View());

    public async Task<OrderView> CancelAsync()
    {
        if (!State.IsPlaced)
        {
            throw new OrderNotFoundException(OrderId);
        }

        // A step a crash interrupted is finished first, so that the cancel is decided on where the order really stands.
        await ContinueAsync();
        switch (State.Step)
        {
            case SagaStep.AwaitingPayment:
                Raise(OrderEventKind.CancelRequested, reason: OrderFailureReasons.CancelledByBuyer);
                await ConfirmAsync();
                await ReleaseStockAsync();
                break;
            case SagaStep.Completed:
                Raise(OrderEventKind.RefundRequested);
                await ConfirmAsync();
                break;
        }

        return View();
    }

    public async Task ResumeAsync()
    {
        await ContinueAsync();
        var now = time.GetUtcNow();
        switch (State.Step)
        {
            case SagaStep.AwaitingPayment when now >= State.HoldUntil:
                OrderLog.HoldExpired(logger, OrderId, State.HoldUntil);
                Raise(OrderEventKind.PaymentHoldExpired, reason: OrderFailureReasons.PaymentHoldExpired);
                await ConfirmAsync();
                await ReleaseStockAsync();
                break;
            case SagaStep.AwaitingPayment when now >= State.UpdatedAt + Settings.RemindPaymentAfter && now >= _remindedAt + Settings.RemindPaymentAfter:
                _remindedAt = now;
                await Payment.ResumeAsync();
                break;
            case SagaStep.AwaitingRefund or SagaStep.Cancelled when State.RefundOwed || State.Step == SagaStep.AwaitingRefund:
                if (now >= _remindedAt + Settings.RemindPaymentAfter)
                {
                    _remindedAt = now;
                    await Payment.RequestRefundAsync();
                }

                break;
        }
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null) =>
        handling.HandleAsync(item, StreamId.Create(OrderStreams.Payments, OrderId), this.GetGrainId().ToString(), TentativeState.Handled, OnPaymentAsync);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    protected override void Apply(OrderState state, OrderEvent entry) => state.Apply(entry);

    private IPaymentGrain Payment => GrainFactory.GetGrain<IPaymentGrain>(OrderId);

    /// <summary>What the payment's news means for the order. Each kind is answered once, and only where it still matters.</summary>
    private async Task OnPaymentAsync(StreamEvent item)
    {
        var payment = (PaymentEvent)item.Payload;
        var handled = new HandledEvent(item.Source, item.Version);
        if (State.Answered(handled))
        {
            return;
        }

        await ContinueAsync();
        var step = State.Step;
        switch (payment.Kind)
        {
            case PaymentEventKind.Succeeded when step == SagaStep.AwaitingPayment:
                Raise(OrderEventKind.PaymentSucceeded, handled: handled);
                await ConfirmAsync();
                faults.Reached(SagaPoint.PaymentRecorded);
                await ConfirmStockAsync();
                break;
            case PaymentEventKind.Succeeded when step == SagaStep.Cancelled && !State.RefundOwed:
                // Paid after the order was cancelled (its hold expired, or its buyer cancelled): the money goes back.
                OrderLog.PaidAfterCancel(logger, OrderId);
                Raise(OrderEventKind.PaymentSucceeded, handled: handled);
                Raise(OrderEventKind.RefundRequested);
                await ConfirmAsync();
                break;
            case PaymentEventKind.Failed when step == SagaStep.AwaitingPayment:
                Raise(OrderEventKind.PaymentFailed, reason: payment.Reason ?? OrderFailureReasons.PaymentDeclined, handled: handled);
                await ConfirmAsync();
                await ReleaseStockAsync();
                break;
            case PaymentEventKind.Refunded when step == SagaStep.AwaitingRefund || State.RefundOwed:
                Raise(OrderEventKind.PaymentRefunded, handled: handled);
                await ConfirmAsync();
                await ContinueAsync();
                break;
        }
    }

    /// <summary>Finishes the step the order is in when that step is the order's own work (a crash may have interrupted it).</summary>
    private async Task ContinueAsync()
    {
        switch (State.Step)
        {
            case SagaStep.Placing or SagaStep.AbandoningPlacement:
                // Nothing is placing in this activation (the grain is not reentrant), so the placement died before it
                // committed: nobody was answered, and what it reserved goes back.
                OrderLog.AbandoningPlacement(logger, OrderId);
                await AbandonPlacementAsync();
                break;
            case SagaStep.ConfirmingStock:
                await ConfirmStockAsync();
                break;
            case SagaStep.ReleasingStock:
                await ReleaseStockAsync();
                break;
            case SagaStep.ReturningStock:
                await Task.WhenAll(State.Skus.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).RefundAsync(OrderId)));
                Raise(OrderEventKind.InventoryReturned);
                Raise(OrderEventKind.Refunded);
                await ConfirmAsync();
                OrderLog.Refunded(logger, OrderId);
                break;
        }
    }

    private async Task StartPlacementAsync(PlaceOrder order)
    {
        if (order.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOrderException(problems);
        }

        if (!Guid.TryParse(order.UserId, out var userId))
        {
            throw new InvalidOrderException(new Dictionary<string, string> { ["userId"] = "Not a user id." });
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).EnsureCanOrderAsync();
        var items = await PriceAsync(order.Lines);
        var currencies = items.Select(i => i.UnitPrice.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            throw new InvalidOrderException(new Dictionary<string, string> { ["items"] = $"All lines must be in one currency; these are in {string.Join(", ", currencies)}." });
        }

        var now = time.GetUtcNow();
        RaiseEvent(new OrderEvent(OrderEventKind.PlacementStarted, OrderId, now)
        {
            UserId = order.UserId,
            Items = items,
            Total = new Money(items.Sum(i => i.UnitPrice.Amount * i.Quantity), currencies[0]),
            PaymentToken = order.PaymentToken,
            HoldUntil = now + Settings.PaymentHold,
        });
        await ConfirmAsync();
    }

    /// <summary>Each line at the price its SKU is listed at now: the catalog's price at placement.</summary>
    private async Task<IReadOnlyList<OrderItem>> PriceAsync(IReadOnlyList<OrderLine> lines)
    {
        var skus = lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        var listings = await Task.WhenAll(skus.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).GetListingAsync()));
        var prices = new Dictionary<string, Money>(StringComparer.Ordinal);
        for (var i = 0; i < skus.Count; i++)
        {
            if (listings[i] is not { OnSale: true } listing)
            {
                throw new OrderRefusedException(OrderRefusal.UnknownSku, skus[i], 0);
            }

            prices[skus[i]] = listing.Price;
        }

        return [.. lines.Select(l => new OrderItem(l.Sku, l.Quantity, prices[l.Sku]))];
    }

    private async Task ConfirmStockAsync()
    {
        var confirmed = await Task.WhenAll(State.Skus.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).ConfirmAsync(OrderId)));
        var refused = confirmed.Where(c => c.Outcome is not (SkuOrderChangeOutcome.Applied or SkuOrderChangeOutcome.AlreadyApplied)).ToList();
        if (refused.Count > 0)
        {
            // A SKU no longer holds this order's units, so the order cannot be delivered: it is cancelled, what the other
            // SKUs sold to it goes back to stock, and the payment is given back. Only this order releases its
            // reservations, so this is a defect somewhere, and it is logged as one.
            foreach (var change in refused)
            {
                OrderLog.ConfirmRefused(logger, OrderId, change.Sku, change.Outcome.ToString(), change.Status?.ToString());
            }

            Raise(OrderEventKind.InventoryUnavailable, reason: OrderFailureReasons.InventoryUnavailable);
            Raise(OrderEventKind.RefundRequested);
            await ConfirmAsync();
            await ReleaseStockAsync();
            return;
        }

        faults.Reached(SagaPoint.StockConfirmed);
        Raise(OrderEventKind.InventoryConfirmed);
        Raise(OrderEventKind.Completed);
        await ConfirmAsync();
        OrderLog.Completed(logger, OrderId);
    }

    private async Task ReleaseStockAsync()
    {
        await GiveBackStockAsync(State.FailureReason ?? "order cancelled");
        Raise(OrderEventKind.InventoryReleased);
        Raise(OrderEventKind.Cancelled);
        await ConfirmAsync();
        OrderLog.Cancelled(logger, OrderId, State.FailureReason);
    }

    /// <summary>
    /// Gives back whatever this order holds at each SKU: a reservation is released, and a unit a SKU already sold to it
    /// (an order that could not be delivered after some of its SKUs confirmed) is returned to stock. A SKU that never saw
    /// the order closes it, so a reservation still on its way is refused when it comes.
    /// </summary>
    private Task GiveBackStockAsync(string reason) =>
        Task.WhenAll(State.Skus.Select(async sku =>
        {
            var stock = GrainFactory.GetGrain<ISkuGrain>(sku);
            var released = await stock.ReleaseAsync(OrderId, reason);
            if (released is { Outcome: SkuOrderChangeOutcome.NotApplicable, Status: SkuOrderStatus.Confirmed })
            {
                await stock.RefundAsync(OrderId);
            }
        }));

    /// <summary>
    /// Gives the placement up, then releases what it reserved. The decision is committed before anything is released: an
    /// activation that lost the journal to another one (a silo going away while it still ran) is fenced at that commit, and
    /// never releases the stock of a placement the other one finished and answered.
    /// </summary>
    private async Task AbandonPlacementAsync()
    {
        if (State.Step == SagaStep.Placing)
        {
            Raise(OrderEventKind.PlacementGivenUp);
            await ConfirmAsync();
        }

        await GiveBackStockAsync(MultiSkuReservation.ReleaseReason);
        Raise(OrderEventKind.PlacementAbandoned);
        await ConfirmAsync();
    }

    private async Task TryAbandonAsync()
    {
        try
        {
            await AbandonPlacementAsync();
        }
        catch (Exception exception)
        {
            OrderLog.AbandonDeferred(logger, OrderId, exception);
        }
    }

    private void Raise(OrderEventKind kind, string? reason = null, HandledEvent? handled = null) =>
        RaiseEvent(new OrderEvent(kind, OrderId, time.GetUtcNow())
        {
            UserId = kind == OrderEventKind.Placed ? State.UserId : null,
            Items = kind == OrderEventKind.Placed ? State.Items : null,
            Total = kind is OrderEventKind.Placed or OrderEventKind.RefundRequested ? State.Total : null,
            PaymentToken = kind == OrderEventKind.Placed ? State.PaymentToken : null,
            Reason = reason,
            Handled = handled,
        });

    private static OrderRefusal RefusalOf(ReservationStatus status) => status switch
    {
        ReservationStatus.OutOfStock => OrderRefusal.OutOfStock,
        ReservationStatus.PurchaseLimitExceeded => OrderRefusal.PurchaseLimitExceeded,
        _ => OrderRefusal.UnknownSku,
    };

    private OrderView View()
    {
        var state = State;
        return new OrderView(
            OrderId,
            state.UserId,
            state.Status,
            state.Step,
            state.Items,
            state.Total,
            state.FailureReason,
            state.CreatedAt,
            state.UpdatedAt,
            [.. state.History],
            Version,
            NextCheckAt(state));
    }

    /// <summary>When the supervisor should look at the order again if nothing else moves it; null once it is settled.</summary>
    private DateTimeOffset? NextCheckAt(OrderState state) => state.Step switch
    {
        SagaStep.Placing or SagaStep.AbandoningPlacement or SagaStep.ConfirmingStock or SagaStep.ReleasingStock or SagaStep.ReturningStock => state.UpdatedAt + Settings.ResumeAfter,
        SagaStep.AwaitingPayment => Min(state.HoldUntil, state.UpdatedAt + Settings.RemindPaymentAfter),
        SagaStep.AwaitingRefund => state.UpdatedAt + Settings.RemindPaymentAfter,
        SagaStep.Cancelled when state.RefundOwed => state.UpdatedAt + Settings.RemindPaymentAfter,
        _ => null,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
