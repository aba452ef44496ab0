namespace Shop.Grains.Orders;

/// <summary><c>Shop:Orders</c>: the timings of the order saga.</summary>
public sealed class OrderOptions
{
    public const string Section = "Shop:Orders";

    /// <summary>How long a Pending order waits for its payment's outcome before it is cancelled and its stock released. Default 15 minutes.</summary>
    public TimeSpan PaymentHold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a step the order itself must finish (reserving, confirming, releasing or returning stock) may stand before
    /// the saga supervisor resumes it: the time to notice a crash. Default 5 seconds.
    /// </summary>
    public TimeSpan ResumeAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an order waits for news of its payment (or refund) before it reminds the payment. Default 1 minute.</summary>
    public TimeSpan RemindPaymentAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each silo's saga supervisor looks for orders whose next check is due. Default 2 seconds.</summary>
    public TimeSpan SupervisorInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A saga that has not moved for this long is stuck: listed by <c>GET /api/admin/sagas?state=stuck</c> and logged at
    /// critical level. Default 20 minutes (longer than the payment hold, which settles every healthy order).
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(20);

    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(PaymentHold), PaymentHold), (nameof(ResumeAfter), ResumeAfter), (nameof(RemindPaymentAfter), RemindPaymentAfter),
            (nameof(SupervisorInterval), SupervisorInterval), (nameof(StuckAfter), StuckAfter),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{Section}:{name} is {value}; it must be positive.");
            }
        }
    }
}
