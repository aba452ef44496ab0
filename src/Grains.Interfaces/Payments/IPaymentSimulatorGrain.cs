using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Payments;

/// <summary>
/// The built-in payment simulator's record of one payment (key: the payment id), playing the payment provider's side:
/// it follows the token table of API.md, remembers what it charged, and answers repeats idempotently.
/// </summary>
[Alias("shop.IPaymentSimulatorGrain")]
public interface IPaymentSimulatorGrain : IGrainWithStringKey
{
    /// <summary>Charges once per payment id. Throws <see cref="PaymentGatewayException"/> for the simulated transient error and timeout.</summary>
    Task<ChargeOutcome> ChargeAsync(string paymentToken, Money amount);

    Task<ChargeOutcome> GetStatusAsync();

    Task<ChargeOutcome> RefundAsync();
}

[GenerateSerializer]
public enum ChargeOutcome
{
    /// <summary>The provider has no record of a charge.</summary>
    NotFound,
    Paid,
    Declined,
    Refunded,
}

/// <summary>
/// The payment provider could not give an answer: <see cref="OutcomeUnknown"/> false for a transient error (nothing was
/// charged; retrying is safe), true for a timeout (the charge may have gone through; ask for its status).
/// </summary>
[GenerateSerializer, Alias("shop.PaymentGatewayException")]
public sealed class PaymentGatewayException(string message, bool outcomeUnknown) : Exception(message)
{
    [Id(0)]
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
