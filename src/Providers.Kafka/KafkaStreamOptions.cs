namespace Shop.Providers.Kafka;

/// <summary>
/// Settings of one Kafka-backed Orleans stream provider (named options, keyed by the provider's name).
/// </summary>
/// <remarks>
/// Topology: one Kafka topic per stream namespace, named <see cref="TopicPrefix"/> + namespace unless
/// <see cref="TopicNames"/> names it explicitly; one Orleans queue per partition of each topic. Namespaces must
/// be listed up front (<see cref="StreamNamespaces"/>) because every silo must derive the same queues from
/// configuration alone, without asking Kafka.
/// </remarks>
public sealed class KafkaStreamOptions
{
    /// <summary>Default of <see cref="TopicPrefix"/>.</summary>
    public const string DefaultTopicPrefix = "shop.";

    /// <summary>Default of <see cref="PartitionsPerTopic"/>.</summary>
    public const int DefaultPartitionsPerTopic = 8;

    /// <summary>Default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>Kafka brokers, <c>host:port,…</c> (librdkafka <c>bootstrap.servers</c>). Required; no default.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// The stream namespaces this provider carries, each on its own topic. Required (at least one). A stream of
    /// any other namespace is refused when it is produced to.
    /// </summary>
    public IList<string> StreamNamespaces { get; set; } = new List<string>();

    /// <summary>Prefix of a namespace's topic name: the topic is <c>TopicPrefix + namespace</c>. Default <c>"shop."</c>.</summary>
    public string TopicPrefix { get; set; } = DefaultTopicPrefix;

    /// <summary>
    /// Explicit topic names by namespace, overriding <see cref="TopicPrefix"/> for the namespaces listed. Default empty.
    /// </summary>
    public IDictionary<string, string> TopicNames { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Partitions of each topic, hence Orleans queues per namespace. Must equal the topics' real partition count
    /// (streams are hashed onto partitions by the producer, and every silo must agree). Default 8.
    /// </summary>
    public int PartitionsPerTopic { get; set; } = DefaultPartitionsPerTopic;

    /// <summary>
    /// The Kafka consumer group whose committed offsets are the queues' checkpoints. Default (null or empty):
    /// <c>"shop-" + ClusterOptions.ServiceId</c>, so that every silo of a service shares it across deployments.
    /// </summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>
    /// At most this many messages are taken from a partition per poll of the Orleans pulling agent (which also
    /// bounds it by its cache's free room). Default 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How long one poll may wait for a first message. Default zero: a poll takes what librdkafka has already
    /// fetched in the background and never blocks a thread; the pulling agent polls again after its own period
    /// (<c>StreamPullingAgentOptions.GetQueueMsgsTimerPeriod</c>, 100 ms by default).
    /// </summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Committed offsets are written at most this often per partition (the latest delivered position always wins,
    /// and the last one is written when the queue shuts down). Zero commits on every delivery. Default 1 second:
    /// a crash re-delivers at most about this much, which at-least-once consumers absorb by event id.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the provider creates missing topics (<see cref="PartitionsPerTopic"/> partitions,
    /// <see cref="ReplicationFactor"/> replicas) with the Admin API when it starts. Default false: topics are
    /// expected to exist (provisioned by operators). librdkafka's mock cluster cannot create topics through the
    /// Admin API; tests create them through the mock.
    /// </summary>
    public bool CreateTopics { get; set; }

    /// <summary>Replication factor of topics created when <see cref="CreateTopics"/> is set. Default 3.</summary>
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>How long topic creation and a clean producer flush at shutdown may take. Default 30 seconds.</summary>
    public TimeSpan AdminTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Extra librdkafka settings for the producer (e.g. <c>security.protocol</c>, <c>sasl.*</c>, <c>linger.ms</c>).
    /// The provider always sets <c>bootstrap.servers</c>, <c>acks=all</c> and <c>enable.idempotence=true</c>;
    /// those keys are refused here.
    /// </summary>
    public IDictionary<string, string> ProducerSettings { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Extra librdkafka settings for the consumers (and the admin client). The provider always sets
    /// <c>bootstrap.servers</c>, <c>group.id</c>, <c>enable.auto.commit=false</c> and
    /// <c>enable.auto.offset.store=false</c>; those keys are refused here.
    /// </summary>
    public IDictionary<string, string> ConsumerSettings { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The topic of a namespace, per <see cref="TopicNames"/> then <see cref="TopicPrefix"/>.</summary>
    public string TopicOf(string streamNamespace) =>
        TopicNames.TryGetValue(streamNamespace, out var explicitName) ? explicitName : TopicPrefix + streamNamespace;
}
