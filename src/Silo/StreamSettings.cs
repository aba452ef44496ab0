namespace Shop.Silo;

/// <summary>
/// <c>Shop:Streams</c>: the queue behind the system's one Orleans stream provider
/// (<see cref="Shop.Streaming.StreamNames.Provider"/>).
/// </summary>
public sealed class StreamSettings
{
    /// <summary>Default <see cref="StreamQueue.Database"/>: the SQLite queue in the embedded default, Orleans' ADO.NET streams on MariaDB.</summary>
    public StreamQueue Provider { get; set; } = StreamQueue.Database;

    /// <summary><c>Shop:Streams:Kafka</c>: used with <see cref="StreamQueue.Kafka"/>.</summary>
    public KafkaSettings Kafka { get; set; } = new();

    /// <summary>The namespaces (one topic each) a Kafka provider carries: the system's own and the configured ones.</summary>
    public IReadOnlyList<string> KafkaNamespaces => [.. Shop.Grains.Interfaces.EventStreams.All.Union(Kafka.Namespaces, StringComparer.Ordinal)];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when the section cannot work.</summary>
    public void Validate()
    {
        switch (Provider)
        {
            case StreamQueue.Database:
                break;
            case StreamQueue.Kafka when string.IsNullOrWhiteSpace(Kafka.BootstrapServers):
                throw new InvalidOperationException(
                    "Shop:Streams:Provider is Kafka but Shop:Streams:Kafka:BootstrapServers is empty " +
                    "(set it, e.g. the environment variable Shop__Streams__Kafka__BootstrapServers=broker1:9092,broker2:9092).");
            case StreamQueue.Kafka:
                if (Kafka.Partitions < 1)
                {
                    throw new InvalidOperationException($"Shop:Streams:Kafka:Partitions is {Kafka.Partitions}; it must be at least 1.");
                }

                if (KafkaNamespaces.Count == 0)
                {
                    throw new InvalidOperationException(
                        "Shop:Streams:Provider is Kafka but there is no stream namespace to carry: no grain of this build publishes yet, " +
                        "and Shop:Streams:Kafka:Namespaces is empty (list the namespaces, e.g. Shop__Streams__Kafka__Namespaces__0=orders).");
                }

                break;
            default:
                throw new InvalidOperationException($"Shop:Streams:Provider '{Provider}' is unknown; use Database or Kafka.");
        }
    }
}

public enum StreamQueue
{
    Database,
    Kafka,
}

/// <summary><c>Shop:Streams:Kafka</c>.</summary>
public sealed class KafkaSettings
{
    /// <summary>The brokers, "host:port,host:port". Required with Kafka; no default.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Partitions of each topic (one Orleans queue each) when the silo creates the topics. Default 8.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Whether the silo creates missing topics at start (false: they must exist). Default true.</summary>
    public bool CreateTopics { get; set; } = true;

    /// <summary>
    /// Prepended to each namespace to name its topic (<c>shop.products</c>), so that several deployments (or test runs)
    /// can share one Kafka cluster. Default <c>shop.</c>.
    /// </summary>
    public string TopicPrefix { get; set; } = Shop.Providers.Kafka.KafkaStreamOptions.DefaultTopicPrefix;

    /// <summary>
    /// Stream namespaces carried besides those of the system's own events (<see cref="Shop.Grains.Interfaces.EventStreams.All"/>),
    /// one topic each. Default none.
    /// </summary>
    public List<string> Namespaces { get; set; } = [];
}
