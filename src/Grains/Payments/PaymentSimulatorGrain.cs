using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;

namespace Shop.Grains.Payments;

/// <summary>
/// The simulator's side of one payment, following the token table of API.md: <c>tok_ok</c> pays, <c>tok_decline</c> and
/// unknown tokens are declined, <c>tok_error_then_ok</c> fails its first attempt with a transient error, and
/// <c>tok_timeout_then_ok</c> pays on its first attempt but lets the answer time out, so only a status check finds it paid.
/// A settled payment answers every repeat with its outcome, as a real provider does for one payment id.
/// </summary>
[GrainType("payment-simulator")]
public sealed class PaymentSimulatorGrain([PersistentState("payment-simulator")] IPersistentState<PaymentSimulatorState> payment)
    : Grain, IPaymentSimulatorGrain
{
    public const string Ok = "tok_ok";
    public const string Decline = "tok_decline";
    public const string ErrorThenOk = "tok_error_then_ok";
    public const string TimeoutThenOk = "tok_timeout_then_ok";

    public async Task<ChargeOutcome> ChargeAsync(string paymentToken, Money amount)
    {
        if (payment.State.Outcome != ChargeOutcome.NotFound)
        {
            return payment.State.Outcome;
        }

        payment.State.Attempts++;
        payment.State.Amount = amount;
        var firstAttempt = payment.State.Attempts == 1;
        switch (paymentToken)
        {
            case ErrorThenOk when firstAttempt:
                await payment.WriteStateAsync();
                throw new PaymentGatewayException("The payment provider is temporarily unavailable.", outcomeUnknown: false);
            case TimeoutThenOk when firstAttempt:
                payment.State.Outcome = ChargeOutcome.Paid;
                await payment.WriteStateAsync();
                throw new PaymentGatewayException("The payment provider did not answer in time.", outcomeUnknown: true);
            case Ok or ErrorThenOk or TimeoutThenOk:
                payment.State.Outcome = ChargeOutcome.Paid;
                break;
            default:
                payment.State.Outcome = ChargeOutcome.Declined;
                break;
        }

        await payment.WriteStateAsync();
        return payment.State.Outcome;
    }

    public Task<ChargeOutcome> GetStatusAsync() => Task.FromResult(payment.State.Outcome);

    public async Task<ChargeOutcome> RefundAsync()
    {
        if (payment.State.Outcome == ChargeOutcome.Paid)
        {
            payment.State.Outcome = ChargeOutcome.Refunded;
            await payment.WriteStateAsync();
        }

        return payment.State.Outcome;
    }
}
