namespace Shop.Providers.MySql.Streams;

/// <summary>
/// What <see cref="MySqlStreamBuilderExtensions.AddMySqlStreams(ISiloBuilder, string, string, Action{MySqlStreamOptions}?)"/>
/// sets on Orleans' ADO.NET stream provider. Silos and clients of one cluster must agree on <see cref="QueueCount"/>.
/// </summary>
public sealed class MySqlStreamOptions
{
    /// <summary>How many queues (rows' QueueId) the streams are hashed over; the silos share them out. Default: 4.</summary>
    public int QueueCount { get; set; } = 4;

    /// <summary>
    /// How many times a message may be dequeued without being confirmed (a silo died holding it, or its delivery
    /// failed) before it moves to <c>OrleansStreamDeadLetter</c>. Default: 5.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a dequeued, unconfirmed message stays hidden before another dequeue may take it again. Default: 1 minute.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an undelivered message waits before it is moved to dead letters regardless of attempts. Orleans'
    /// default is 10 minutes, which would dead-letter everything queued during a longer outage of the consumers;
    /// ours is 7 days, so a queue survives long outages and only truly stuck messages expire.
    /// </summary>
    public TimeSpan ExpiryTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long <c>OrleansStreamDeadLetter</c> keeps a message before deleting it. Default: 30 days.</summary>
    public TimeSpan DeadLetterEvictionTimeout { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often (per queue, cluster-wide) a dequeue also evicts spent messages and old dead letters. Default: 10 seconds.</summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each queue's pulling agent polls the table when idle (silos only). Default: 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
