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

    /// <summary>
    /// How long a handler that fails because the cluster changed under it (<see cref="TransientClusterFailure"/>: a silo
    /// it called died or left) keeps being tried, every <see cref="FirstRetryDelay"/> or so, before such failures count
    /// toward <see cref="MaxAttempts"/>. A killed silo is declared dead only after a few seconds, and an event is not a
    /// dead letter for that. Default 30 seconds.
    /// </summary>
    public TimeSpan ClusterChangePatience { get; set; } = TimeSpan.FromSeconds(30);
}
