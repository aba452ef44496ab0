using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;
using Shop.Streaming;

namespace Shop.Grains.Payments;

/// <summary>The payment of one order. Changes only through <see cref="Apply"/>, which refuses a line that does not fit where the payment stands.</summary>
[GenerateSerializer]
public sealed class PaymentState
{
    [Id(0)] public PaymentStatus Status { get; set; }
    [Id(1)] public Money? Amount { get; set; }
    [Id(2)] public string PaymentToken { get; set; } = "";
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public string? FailureReason { get; set; }

    /// <summary>The order events this payment has answered (streams deliver at least once).</summary>
    [Id(5)] public HandledEvents Handled { get; set; } = new();

    public void Apply(PaymentEvent line)
    {
        switch (line.Kind)
        {
            case PaymentEventKind.Requested:
                Require(line, PaymentStatus.None);
                Status = PaymentStatus.Charging;
                Amount = line.Amount;
                PaymentToken = line.PaymentToken ?? "";
                break;
            case PaymentEventKind.OutcomeUnknown:
                Require(line, PaymentStatus.Charging);
                Status = PaymentStatus.Unknown;
                Attempts = line.Attempts;
                break;
            case PaymentEventKind.Succeeded:
                Require(line, PaymentStatus.Charging, PaymentStatus.Unknown);
                Status = PaymentStatus.Succeeded;
                Attempts = Math.Max(Attempts, line.Attempts);
                break;
            case PaymentEventKind.Failed:
                Require(line, PaymentStatus.Charging, PaymentStatus.Unknown);
                Status = PaymentStatus.Failed;
                Attempts = Math.Max(Attempts, line.Attempts);
                FailureReason = line.Reason;
                break;
            case PaymentEventKind.Voided:
                Require(line, PaymentStatus.None);
                Status = PaymentStatus.Voided;
                break;
            case PaymentEventKind.Refunded:
                Require(line, PaymentStatus.Succeeded);
                Status = PaymentStatus.Refunded;
                break;
            default:
                throw new InvalidOperationException($"Payment {line.OrderId}: unknown journal line {line.Kind}.");
        }

        if (line.Handled is { } handled)
        {
            Handled.Add(handled.Source, handled.Version);
        }
    }

    private void Require(PaymentEvent line, params PaymentStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidOperationException($"Payment {line.OrderId} is {Status}; {line.Kind} does not apply.");
        }
    }
}
