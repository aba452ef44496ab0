namespace Shop.Runtime.Storage;

/// <summary>
/// An event as it is appended to the durable stream log. <see cref="Queue"/> is chosen by the runtime
/// from a stable hash of the stream identity; the store assigns the sequence number.
/// </summary>
public sealed record StreamEvent(
    Guid EventId,
    string StreamNamespace,
    string StreamKey,
    int Queue,
    string EventType,
    byte[] Payload,
    DateTimeOffset CreatedAt);
