using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;

namespace Shop.Grains.Payments;

/// <summary>
/// The payment provider as the saga sees it. Every call names the payment by its id, and a provider must treat a repeated
/// charge of one id as the same charge (the saga repeats a charge whose outcome it does not know). A transient error or
/// a timeout is a <see cref="PaymentGatewayException"/>; the built-in one is <see cref="SimulatedPaymentGateway"/>.
/// </summary>
public interface IPaymentGateway
{
    Task<ChargeOutcome> ChargeAsync(string paymentId, string paymentToken, Money amount);

    Task<ChargeOutcome> GetStatusAsync(string paymentId);

    Task<ChargeOutcome> RefundAsync(string paymentId, Money amount);
}
