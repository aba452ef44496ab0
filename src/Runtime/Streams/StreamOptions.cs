namespace Shop.Runtime.Streams;

/// <summary>Durable stream settings.</summary>
public sealed class StreamOptions
{
    /// <summary>Queues the log is split into by a hash of the stream; order is kept per stream. Default 4. Changing it reorders in-flight events.</summary>
    public int QueueCount { get; set; } = 4;

    /// <summary>Events read from a queue at a time. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How often an idle queue is read even without a wake-up (events from other silos). Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries of one event before it goes to the dead-letter table. Default 5.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubled for each further one. Default 200 ms.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the wait between retries. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Streams of one queue delivered at the same time (order is still kept per stream). Default 64.</summary>
    public int MaxConcurrentStreamsPerQueue { get; set; } = 64;

    /// <summary>How long delivered events stay in the log. Default 1 day.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often delivered events older than the retention period are trimmed. Default 5 minutes.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromMinutes(5);
}
