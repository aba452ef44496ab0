namespace Shop.Streaming;

/// <summary>Names shared by producers, consumers and the silo's configuration.</summary>
public static class StreamNames
{
    /// <summary>
    /// The one Orleans stream provider of the system, whichever queue backs it (<c>Shop:Streams:Provider</c>:
    /// <c>Database</c> or <c>Kafka</c>).
    /// </summary>
    public const string Provider = "events";
}
