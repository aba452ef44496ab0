using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Payments;

/// <summary>
/// The payment of one order (key: the order id). It hears the order's events through the streams and charges,
/// refunds or voids through the payment gateway; its own events tell the order how that went.
/// </summary>
[Alias("shop.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<PaymentView> GetAsync();

    /// <summary>Picks up a charge whose outcome is not known (after a crash, or when the order has waited long). Safe to call at any time.</summary>
    Task ResumeAsync();

    /// <summary>Gives a succeeded payment back. Idempotent: a refunded payment is not refunded twice.</summary>
    Task RequestRefundAsync();
}

[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    None,
    Charging,
    Unknown,
    Succeeded,
    Failed,
    Voided,
    Refunded,
}

/// <summary>Where a payment stands: how many charge attempts it took and what it ended in.</summary>
[GenerateSerializer, Immutable, Alias("shop.PaymentView")]
public sealed record PaymentView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] PaymentStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] int StatusChecks,
    [property: Id(4)] string? FailureReason);
