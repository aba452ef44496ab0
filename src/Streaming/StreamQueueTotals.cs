namespace Shop.Streaming;

/// <summary>What one silo's consumers have handled from one queue (see <see cref="StreamActivity"/>).</summary>
/// <param name="Queue">The Orleans queue, as <see cref="Orleans.Streams.QueueId"/> writes itself.</param>
/// <param name="Handled">Events handled since the silo started.</param>
/// <param name="LastLag">Of the last event handled: when it was handled − when it was committed.</param>
/// <param name="LastHandledAt">When the last event was handled.</param>
public sealed record StreamQueueTotals(string Queue, long Handled, TimeSpan LastLag, DateTimeOffset LastHandledAt);
