using System.Collections.Concurrent;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;
using Shop.Grains.Payments;

namespace Shop.Gateway.Tests.Orders;

/// <summary>
/// The built-in simulator, except that a charge with the token <see cref="HeldToken"/> waits until the test lets that
/// payment through (<see cref="Release"/>) and then pays: a payment provider that takes its time, so that a test can act
/// while an order is Pending (cancel it, let its hold expire) and then let the payment arrive late.
/// </summary>
public sealed class HeldPaymentGateway(IGrainFactory grains) : IPaymentGateway
{
    public const string HeldToken = "tok_held";

    private readonly SimulatedPaymentGateway _simulator = new(grains);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _waiting = new(StringComparer.Ordinal);

    /// <summary>Whether the charge of <paramref name="paymentId"/> (the order id) is being held now.</summary>
    public bool IsWaiting(string paymentId) => _waiting.ContainsKey(paymentId);

    public void Release(string paymentId) => Gate(paymentId).TrySetResult();

    public async Task<ChargeOutcome> ChargeAsync(string paymentId, string paymentToken, Money amount)
    {
        if (paymentToken != HeldToken)
        {
            return await _simulator.ChargeAsync(paymentId, paymentToken, amount);
        }

        _waiting[paymentId] = true;
        try
        {
            await Gate(paymentId).Task;
        }
        finally
        {
            _waiting.TryRemove(paymentId, out _);
        }

        return await _simulator.ChargeAsync(paymentId, "tok_ok", amount);
    }

    public Task<ChargeOutcome> GetStatusAsync(string paymentId) => _simulator.GetStatusAsync(paymentId);

    public Task<ChargeOutcome> RefundAsync(string paymentId, Money amount) => _simulator.RefundAsync(paymentId, amount);

    private TaskCompletionSource Gate(string paymentId) => _gates.GetOrAdd(paymentId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
