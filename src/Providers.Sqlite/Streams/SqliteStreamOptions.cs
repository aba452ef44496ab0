namespace Shop.Providers.Sqlite.Streams;

/// <summary>Settings of one SQLite stream provider (<see cref="SqliteStreamSiloBuilderExtensions.AddSqliteStreams"/>), named by the provider.</summary>
public sealed class SqliteStreamOptions
{
    /// <summary>
    /// How many Orleans queues the provider's streams are spread over (a hash ring of stream ids); all events
    /// of one stream go to one queue and are delivered in order. Changing it re-maps streams: change it only
    /// with the queues drained. Default: 4.
    /// </summary>
    public int QueueCount { get; set; } = 4;

    /// <summary>How often each queue's pulling agent looks for new rows when it found none. Default: 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most rows one read of a queue takes. Default: 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The size of each queue's in-memory cache of read batches (Orleans' SimpleQueueCache). Default: 4096.</summary>
    public int CacheSize { get; set; } = 4096;

    internal void Validate(string name)
    {
        if (QueueCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCount), QueueCount, $"Stream provider '{name}': QueueCount must be at least 1.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, $"Stream provider '{name}': PollInterval must be positive.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"Stream provider '{name}': BatchSize must be at least 1.");
        }

        if (CacheSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheSize), CacheSize, $"Stream provider '{name}': CacheSize must be at least 1.");
        }
    }
}
