namespace Shop.Runtime.Streams;

/// <summary>What a subscriber knows about the event it handles.</summary>
/// <param name="EventId">Unique per published event, kept across retries and replays: the key to deduplicate on.</param>
/// <param name="StreamId">The stream the event was published on.</param>
/// <param name="Token">The event's place in the log.</param>
/// <param name="Attempt">1 for the first delivery, higher for retries and replays.</param>
/// <param name="PublishedAt">When the event was published.</param>
public sealed record StreamEventContext(Guid EventId, StreamId StreamId, StreamSequenceToken Token, int Attempt, DateTimeOffset PublishedAt);
