using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;

namespace Shop.Grains.Payments;

/// <summary>The built-in payment provider: each payment's record is a <see cref="PaymentSimulatorGrain"/>, durable and one per payment id.</summary>
public sealed class SimulatedPaymentGateway(IGrainFactory grains) : IPaymentGateway
{
    public Task<ChargeOutcome> ChargeAsync(string paymentId, string paymentToken, Money amount) => Payment(paymentId).ChargeAsync(paymentToken, amount);

    public Task<ChargeOutcome> GetStatusAsync(string paymentId) => Payment(paymentId).GetStatusAsync();

    public Task<ChargeOutcome> RefundAsync(string paymentId, Money amount) => Payment(paymentId).RefundAsync();

    private IPaymentSimulatorGrain Payment(string paymentId) => grains.GetGrain<IPaymentSimulatorGrain>(paymentId);
}
