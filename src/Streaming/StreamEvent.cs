namespace Shop.Streaming;

/// <summary>
/// What travels on the project's Orleans streams: one event of one producer, with the identity consumers
/// deduplicate by.
/// </summary>
/// <param name="EventId">Unique and stable across redeliveries and replays: <c>{Source}@{Version}</c> for journaled producers.</param>
/// <param name="Source">The producing grain (its <see cref="GrainId"/> as text).</param>
/// <param name="Version">The producer's version that recorded the event; events of one source arrive in this order.</param>
/// <param name="RecordedAt">When the producer committed it.</param>
/// <param name="Payload">The business event, an Orleans-serializable immutable record.</param>
[GenerateSerializer, Immutable, Alias("shop.stream-event")]
public sealed record StreamEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Source,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] object Payload)
{
    /// <summary>The event id of version <paramref name="version"/> of <paramref name="source"/>.</summary>
    public static string IdOf(string source, long version) => $"{source}@{version}";

    /// <summary>The payload's type name, as headers and dead letters show it.</summary>
    public string PayloadType => Payload.GetType().FullName ?? Payload.GetType().Name;
}
