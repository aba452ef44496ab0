namespace Shop.Streaming;

/// <summary>Names shared by producers, consumers and the silo's configuration.</summary>
public static class StreamNames
{
    /// <summary>
    /// The one Orleans stream provider of the system, whichever queue backs it (<c>Shop:Streams:Provider</c>:
    /// <c>Database</c> or <c>Kafka</c>).
    /// </summary>
    public const string Provider = "events";

    /// <summary>
    /// The namespaces of the system's own event streams (each a topic on Kafka). A grain that starts publishing on a
    /// new namespace adds it here. None yet: the catalog and the order saga bring theirs.
    /// </summary>
    public static IReadOnlyList<string> Namespaces { get; } = [];
}
