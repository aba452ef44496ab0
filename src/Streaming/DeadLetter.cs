namespace Shop.Streaming;

/// <summary>An event that could not be handled, kept with its error until an operator replays or discards it.</summary>
/// <param name="Id">Assigned by the store.</param>
/// <param name="EventId">The event's id, kept on replay so that consumers still deduplicate; null when the message could not even be read.</param>
/// <param name="StreamProvider">The Orleans stream provider it came through.</param>
/// <param name="StreamNamespace">Its stream's namespace; null when unknown (an unreadable message).</param>
/// <param name="StreamKey">Its stream's key; null when unknown.</param>
/// <param name="EventType">The payload's type name, or what the message claimed it to be.</param>
/// <param name="Payload">The <see cref="StreamEvent"/> serialized by Orleans (replayable), or the raw message when it could not be deserialized.</param>
/// <param name="PayloadIsRaw">True when <paramref name="Payload"/> is the raw, undeserializable message (cannot be replayed).</param>
/// <param name="Consumer">Who failed to handle it (a grain id), or where it failed (a queue).</param>
/// <param name="Error">The last error.</param>
/// <param name="Attempts">How many times handling was tried.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="Status">Open until replayed or discarded.</param>
[GenerateSerializer, Immutable, Alias("shop.dead-letter")]
public sealed record DeadLetter(
    [property: Id(0)] long Id,
    [property: Id(1)] string? EventId,
    [property: Id(2)] string StreamProvider,
    [property: Id(3)] string? StreamNamespace,
    [property: Id(4)] string? StreamKey,
    [property: Id(5)] string EventType,
    [property: Id(6)] byte[] Payload,
    [property: Id(7)] bool PayloadIsRaw,
    [property: Id(8)] string Consumer,
    [property: Id(9)] string Error,
    [property: Id(10)] int Attempts,
    [property: Id(11)] DateTimeOffset FailedAt,
    [property: Id(12)] DeadLetterStatus Status);

[GenerateSerializer]
public enum DeadLetterStatus
{
    Open = 0,
    Replayed = 1,
    Discarded = 2,
}
