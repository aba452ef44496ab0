using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Payments;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Grains.Payments;

/// <summary>
/// The payment step of the order saga (key: the order id). It hears the order's events, charges through the
/// <see cref="IPaymentGateway"/> with retries on transient errors, and tells the order the outcome through its own
/// journal, the outbox of the <see cref="OrderStreams.Payments"/> stream. A timeout is an unknown outcome, never a
/// failure: the gateway is asked for the payment's status later, with growing delays, by a durable reminder.
/// </summary>
[GrainType("payment")]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
[ImplicitStreamSubscription(OrderStreams.Orders)]
public sealed class PaymentGrain(
    IPaymentGateway gateway,
    IOptions<PaymentOptions> options,
    EventHandling handling,
    Orders.SagaFaults faults,
    TimeProvider time,
    ILogger<PaymentGrain> logger)
    : DurableJournaledGrain<PaymentState, PaymentEvent>, IPaymentGrain, IRemindable, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    private const string StatusCheckReminder = "payment-status-check";

    private int _statusChecks;

    private string OrderId => this.GetPrimaryKeyString();

    private PaymentOptions Settings => options.Value;

    protected override string? EventStreamNamespace => OrderStreams.Payments;

    public Task<PaymentView> GetAsync() =>
        Task.FromResult(new PaymentView(OrderId, State.Status, State.Attempts, _statusChecks, State.FailureReason));

    public async Task ResumeAsync()
    {
        if (State.Status is PaymentStatus.Charging or PaymentStatus.Unknown)
        {
            // Nothing is charging in this activation (the grain is not reentrant): the charge's outcome must be asked for.
            await CheckStatusAsync();
        }
    }

    public async Task RequestRefundAsync()
    {
        if (State.Status != PaymentStatus.Succeeded)
        {
            return;
        }

        var outcome = await gateway.RefundAsync(OrderId, State.Amount!);
        if (outcome != ChargeOutcome.Refunded)
        {
            throw new InvalidOperationException($"The payment provider answered {outcome} to refunding payment {OrderId}.");
        }

        Raise(PaymentEventKind.Refunded);
        await ConfirmAsync();
        PaymentLog.Refunded(logger, OrderId);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != StatusCheckReminder)
        {
            return;
        }

        if (State.Status is PaymentStatus.Charging or PaymentStatus.Unknown)
        {
            await CheckStatusAsync();
        }

        if (State.Status is not (PaymentStatus.Charging or PaymentStatus.Unknown) && await this.GetReminder(StatusCheckReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null) =>
        handling.HandleAsync(item, StreamId.Create(OrderStreams.Orders, OrderId), this.GetGrainId().ToString(), TentativeState.Handled, OnOrderAsync);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    protected override void Apply(PaymentState state, PaymentEvent entry) => state.Apply(entry);

    private async Task OnOrderAsync(StreamEvent item)
    {
        var order = (OrderEvent)item.Payload;
        var handled = new HandledEvent(item.Source, item.Version);
        switch (order.Kind)
        {
            case OrderEventKind.Placed when State.Status == PaymentStatus.None:
                RaiseEvent(new PaymentEvent(PaymentEventKind.Requested, OrderId, time.GetUtcNow())
                {
                    Amount = order.Total,
                    PaymentToken = order.PaymentToken,
                    Handled = handled,
                });
                await ConfirmAsync();
                await ChargeAsync();
                break;
            case OrderEventKind.Cancelled when State.Status == PaymentStatus.None:
                // Cancelled before it was ever charged (its placement event failed to reach us): it never will be.
                Raise(PaymentEventKind.Voided, handled: handled);
                await ConfirmAsync();
                break;
            case OrderEventKind.RefundRequested:
                await RequestRefundAsync();
                break;
        }
    }

    /// <summary>Charges, retrying transient errors with backoff; an answer that never came leaves the outcome unknown.</summary>
    private async Task ChargeAsync()
    {
        var delay = Settings.FirstRetryDelay;
        for (var attempt = State.Attempts + 1; ; attempt++)
        {
            ChargeOutcome outcome;
            try
            {
                outcome = await gateway.ChargeAsync(OrderId, State.PaymentToken, State.Amount!);
            }
            catch (PaymentGatewayException e) when (!e.OutcomeUnknown)
            {
                if (attempt >= Settings.MaxChargeAttempts)
                {
                    PaymentLog.GaveUp(logger, OrderId, attempt, e);
                    Raise(PaymentEventKind.Failed, attempts: attempt, reason: Orders.OrderFailureReasons.PaymentError);
                    await ConfirmAsync();
                    return;
                }

                PaymentLog.Retrying(logger, OrderId, attempt, delay, e);
                await Task.Delay(delay);
                delay *= 2;
                continue;
            }
            catch (Exception e)
            {
                // A timeout, or a call that broke on its way: the charge may have gone through. Never assume it failed.
                PaymentLog.OutcomeUnknown(logger, OrderId, attempt, e);
                if (State.Status == PaymentStatus.Charging)
                {
                    Raise(PaymentEventKind.OutcomeUnknown, attempts: attempt);
                    await ConfirmAsync();
                }

                await ScheduleStatusCheckAsync();
                return;
            }

            faults.Reached(Orders.SagaPoint.Charged);
            await SettleAsync(outcome, attempt);
            return;
        }
    }

    private async Task CheckStatusAsync()
    {
        _statusChecks++;
        ChargeOutcome outcome;
        try
        {
            outcome = await gateway.GetStatusAsync(OrderId);
        }
        catch (Exception e)
        {
            PaymentLog.StatusUnknown(logger, OrderId, _statusChecks, e);
            await ScheduleStatusCheckAsync();
            return;
        }

        if (outcome == ChargeOutcome.NotFound)
        {
            // The provider never saw the charge: charging again cannot charge twice (it is the same payment id).
            await ChargeAsync();
            return;
        }

        await SettleAsync(outcome, State.Attempts);
    }

    private async Task SettleAsync(ChargeOutcome outcome, int attempts)
    {
        if (outcome is ChargeOutcome.Paid or ChargeOutcome.Refunded)
        {
            Raise(PaymentEventKind.Succeeded, attempts: attempts);
        }
        else
        {
            Raise(PaymentEventKind.Failed, attempts: attempts, reason: Orders.OrderFailureReasons.PaymentDeclined);
        }

        await ConfirmAsync();
        PaymentLog.Settled(logger, OrderId, State.Status, attempts);
    }

    private Task ScheduleStatusCheckAsync()
    {
        var delay = Settings.StatusCheckDelay(_statusChecks + 1);
        // The period only matters if this activation dies before the due time; every check sets the next one anew.
        var period = delay < Settings.MaxStatusCheckInterval ? Settings.MaxStatusCheckInterval : delay;
        return this.RegisterOrUpdateReminder(StatusCheckReminder, delay, period < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : period);
    }

    private void Raise(PaymentEventKind kind, int attempts = 0, string? reason = null, HandledEvent? handled = null) =>
        RaiseEvent(new PaymentEvent(kind, OrderId, time.GetUtcNow()) { Attempts = attempts, Reason = reason, Handled = handled });
}
