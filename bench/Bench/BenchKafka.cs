using Shop.KafkaMock;
using Shop.Providers.Kafka;

namespace Shop.Bench;

/// <summary>
/// The Kafka behind the streams of a benchmark that hosts the whole silo (<c>--streams Kafka</c>): the brokers of
/// <c>SHOP_BENCH_KAFKA</c>, or librdkafka's mock broker in this process, with every event topic made up front.
/// </summary>
internal sealed class BenchKafka : IDisposable
{
    private const int Partitions = 8;
    private readonly KafkaMockCluster? _mock;

    private BenchKafka(KafkaMockCluster? mock, string bootstrapServers)
    {
        _mock = mock;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>The silo's stream settings for these brokers.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shop:Streams:Provider"] = "Kafka",
        ["Shop:Streams:Kafka:BootstrapServers"] = BootstrapServers,
        ["Shop:Streams:Kafka:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Shop:Streams:Kafka:CreateTopics"] = "false",
    };

    /// <summary>Kafka when <paramref name="streams"/> is <c>Kafka</c>; null for the database's streams.</summary>
    public static BenchKafka? For(string streams)
    {
        if (streams != "Kafka")
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable("SHOP_BENCH_KAFKA") is { Length: > 0 } brokers)
        {
            return new BenchKafka(null, brokers);
        }

        var mock = KafkaMockCluster.Start(topics: Shop.Grains.Interfaces.EventStreams.All.ToDictionary(n => KafkaStreamOptions.DefaultTopicPrefix + n, _ => Partitions));
        return new BenchKafka(mock, mock.BootstrapServers);
    }

    public void Dispose() => _mock?.Dispose();
}
