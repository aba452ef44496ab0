using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Payments;

/// <summary>The lines of a payment's journal.</summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<PaymentEventKind>))]
public enum PaymentEventKind
{
    /// <summary>The order asked to be paid; the gateway is about to be charged.</summary>
    Requested,
    Succeeded,
    /// <summary>The gateway declined, or kept failing: the order does not go ahead.</summary>
    Failed,
    /// <summary>A charge timed out: it may or may not have gone through. The gateway is asked later, never assumed to have failed.</summary>
    OutcomeUnknown,
    /// <summary>The order was cancelled before it was charged: it will not be.</summary>
    Voided,
    Refunded,
}
