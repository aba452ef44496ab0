namespace Shop.Grains.Payments;

/// <summary><c>Shop:Payments</c>: how the payment saga step retries and asks after unknown outcomes.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Shop:Payments";

    /// <summary>Charge attempts on transient gateway errors before the payment fails. Default 3.</summary>
    public int MaxChargeAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt; each later wait doubles. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After a timeout, when the gateway is first asked for the payment's status; each later check waits twice as long. Default 5 seconds.</summary>
    public TimeSpan FirstStatusCheckAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two status checks. Default 10 minutes.</summary>
    public TimeSpan MaxStatusCheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    public void Validate()
    {
        if (MaxChargeAttempts < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxChargeAttempts)} is {MaxChargeAttempts}; it must be at least 1.");
        }

        if (FirstRetryDelay < TimeSpan.Zero || FirstStatusCheckAfter <= TimeSpan.Zero || MaxStatusCheckInterval < FirstStatusCheckAfter)
        {
            throw new InvalidOperationException(
                $"{Section}: {nameof(FirstRetryDelay)} must not be negative, {nameof(FirstStatusCheckAfter)} must be positive and at most {nameof(MaxStatusCheckInterval)}.");
        }
    }

    /// <summary>The wait before status check number <paramref name="check"/> (1-based).</summary>
    public TimeSpan StatusCheckDelay(int check)
    {
        var delay = FirstStatusCheckAfter * Math.Pow(2, Math.Min(check - 1, 30));
        return delay < MaxStatusCheckInterval ? delay : MaxStatusCheckInterval;
    }
}
