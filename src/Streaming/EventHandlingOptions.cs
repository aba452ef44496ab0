namespace Shop.Streaming;

/// <summary>How consumers retry a failing handler before the event becomes a dead letter.</summary>
public sealed class EventHandlingOptions
{
    /// <summary>Attempts in all, the first included. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; each further one waits <see cref="BackoffFactor"/> times longer. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Default 4 (200 ms, then 800 ms).</summary>
    public double BackoffFactor { get; set; } = 4;
}
