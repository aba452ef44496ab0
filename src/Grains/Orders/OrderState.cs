using System.Text.Json.Serialization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;

namespace Shop.Grains.Orders;

/// <summary>
/// An order and where its saga stands. Changes only through <see cref="Apply"/>, one journal line at a time; a line that
/// does not fit the step the order is in is refused there, so no code path can move the saga sideways.
/// </summary>
[GenerateSerializer]
public sealed class OrderState
{
    [Id(0)] public SagaStep Step { get; set; }
    [Id(1)] public string UserId { get; set; } = "";
    [Id(2)] public IReadOnlyList<OrderItem> Items { get; set; } = [];
    [Id(3)] public Money Total { get; set; } = new(0, "KRW");
    [Id(4)] public string PaymentToken { get; set; } = "";
    [Id(5)] public string? FailureReason { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(8)] public DateTimeOffset HoldUntil { get; set; }
    [Id(9)] public List<OrderHistoryStep> History { get; set; } = [];

    /// <summary>A payment that succeeded after the order was cancelled, and is being given back.</summary>
    [Id(10)] public bool RefundOwed { get; set; }

    /// <summary>The payment events this order has answered (streams deliver at least once).</summary>
    [Id(11)] public HandledEvents Handled { get; set; } = new();

    [JsonIgnore]
    public OrderStatus Status => Step switch
    {
        SagaStep.Completed or SagaStep.AwaitingRefund or SagaStep.ReturningStock => OrderStatus.Completed,
        SagaStep.Cancelled => OrderStatus.Cancelled,
        SagaStep.Refunded => OrderStatus.Refunded,
        _ => OrderStatus.Pending,
    };

    /// <summary>Whether the buyer was answered for it: an order still placing, or abandoned, is nobody's to see.</summary>
    [JsonIgnore]
    public bool IsPlaced => Step.IsPlaced();

    [JsonIgnore]
    public IEnumerable<string> Skus => Items.Select(i => i.Sku).Distinct(StringComparer.Ordinal);

    public bool Answered(HandledEvent handled) => Handled.Contains(handled.Source, handled.Version);

    public void Apply(OrderEvent line)
    {
        switch (line.Kind)
        {
            case OrderEventKind.PlacementStarted:
                Require(line, SagaStep.None);
                Step = SagaStep.Placing;
                UserId = line.UserId!;
                Items = line.Items!;
                Total = line.Total!;
                PaymentToken = line.PaymentToken!;
                CreatedAt = line.At;
                HoldUntil = line.HoldUntil!.Value;
                History = [];
                break;
            case OrderEventKind.PlacementRefused:
                Require(line, SagaStep.Placing);
                Step = SagaStep.None;
                break;
            case OrderEventKind.PlacementGivenUp:
                Require(line, SagaStep.Placing);
                Step = SagaStep.AbandoningPlacement;
                break;
            case OrderEventKind.PlacementAbandoned:
                // Journals written before PlacementGivenUp existed abandon straight from Placing.
                if (Step != SagaStep.Placing)
                {
                    Require(line, SagaStep.AbandoningPlacement);
                }

                Step = SagaStep.Abandoned;
                break;
            case OrderEventKind.Placed:
                Require(line, SagaStep.Placing);
                Step = SagaStep.AwaitingPayment;
                Record("Placed", line.At);
                Record("Reserved", line.At);
                // The Placed event is the payment's request: payment charges on hearing it.
                Record("PaymentRequested", line.At);
                break;
            case OrderEventKind.PaymentSucceeded:
                if (Step == SagaStep.AwaitingPayment)
                {
                    Step = SagaStep.ConfirmingStock;
                }

                Record(line);
                break;
            case OrderEventKind.PaymentFailed:
            case OrderEventKind.PaymentHoldExpired:
            case OrderEventKind.CancelRequested:
                Require(line, SagaStep.AwaitingPayment);
                Step = SagaStep.ReleasingStock;
                FailureReason = line.Reason;
                Record(line);
                break;
            case OrderEventKind.InventoryUnavailable:
                Require(line, SagaStep.ConfirmingStock);
                Step = SagaStep.ReleasingStock;
                FailureReason = line.Reason;
                Record(line);
                break;
            case OrderEventKind.InventoryConfirmed:
                Require(line, SagaStep.ConfirmingStock);
                Record(line);
                break;
            case OrderEventKind.Completed:
                Require(line, SagaStep.ConfirmingStock);
                Step = SagaStep.Completed;
                Record(line);
                break;
            case OrderEventKind.InventoryReleased:
                Require(line, SagaStep.ReleasingStock);
                Record(line);
                break;
            case OrderEventKind.Cancelled:
                Require(line, SagaStep.ReleasingStock);
                Step = SagaStep.Cancelled;
                Record(line);
                break;
            case OrderEventKind.RefundRequested:
                if (Step == SagaStep.Completed)
                {
                    Step = SagaStep.AwaitingRefund;
                }
                else if (Step is SagaStep.ReleasingStock or SagaStep.Cancelled)
                {
                    RefundOwed = true;
                }
                else
                {
                    Refuse(line);
                }

                Record(line);
                break;
            case OrderEventKind.PaymentRefunded:
                if (Step == SagaStep.AwaitingRefund)
                {
                    Step = SagaStep.ReturningStock;
                }

                RefundOwed = false;
                Record(line);
                break;
            case OrderEventKind.InventoryReturned:
                Require(line, SagaStep.ReturningStock);
                Record(line);
                break;
            case OrderEventKind.Refunded:
                Require(line, SagaStep.ReturningStock);
                Step = SagaStep.Refunded;
                Record(line);
                break;
            default:
                throw new InvalidOperationException($"Order {line.OrderId}: unknown journal line {line.Kind}.");
        }

        UpdatedAt = line.At;
        if (line.Handled is { } handled)
        {
            Handled.Add(handled.Source, handled.Version);
        }
    }

    private void Record(OrderEvent line) => Record(line.Kind.ToString(), line.At);

    private void Record(string step, DateTimeOffset at) => History.Add(new OrderHistoryStep(step, at));

    private void Require(OrderEvent line, SagaStep step)
    {
        if (Step != step)
        {
            Refuse(line);
        }
    }

    private void Refuse(OrderEvent line) =>
        throw new InvalidOperationException($"Order {line.OrderId} is at step {Step}; {line.Kind} does not apply there.");
}
