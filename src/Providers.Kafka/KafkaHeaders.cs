namespace Shop.Providers.Kafka;

/// <summary>
/// Header names of the provider's Kafka messages. They repeat what the (Orleans-serialized) value holds, in
/// plain UTF-8, so that tools and dead letters can identify a message without Orleans' serializer.
/// </summary>
public static class KafkaHeaders
{
    /// <summary>The Orleans stream's namespace.</summary>
    public const string StreamNamespace = "orleans-stream-namespace";

    /// <summary>The Orleans stream's key.</summary>
    public const string StreamKey = "orleans-stream-key";

    /// <summary>The event id of a <c>Shop.Streaming.StreamEvent</c>; one header per event of the message, in order.</summary>
    public const string EventId = "event-id";

    /// <summary>The event's type name (a <c>StreamEvent</c>'s payload type); one header per event, in order.</summary>
    public const string EventType = "event-type";
}
