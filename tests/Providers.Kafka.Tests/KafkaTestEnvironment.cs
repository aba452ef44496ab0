using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Orleans.TestingHost;
using Shop.KafkaMock;
using Shop.Streaming;
using Shop.TestKit;

namespace Shop.Providers.Kafka.Tests;

/// <summary>
/// One broker (the mock, or the real one of <c>SHOP_TEST_KAFKA</c>: see <see cref="TestKafkaBroker"/>) with the test
/// namespaces' topics (under a prefix unique to this instance), and the means to run Orleans test clusters,
/// standalone adapters and plain Kafka clients against it.
/// </summary>
public sealed class KafkaTestEnvironment : IDisposable
{
    public const int Partitions = 4;
    private const string BootstrapKey = "KafkaTests:Bootstrap";
    private const string PrefixKey = "KafkaTests:TopicPrefix";
    private const string GroupKey = "KafkaTests:Group";

    public KafkaTestEnvironment()
    {
        TopicPrefix = TestKafkaBroker.UniqueTopicPrefix("kafkatests");
        Broker = TestKafkaBroker.Start(TestNamespaces.All.ToDictionary(ns => TopicPrefix + ns, _ => Partitions));
    }

    public TestKafkaBroker Broker { get; }

    public string TopicPrefix { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    public string TopicOf(string streamNamespace) => TopicPrefix + streamNamespace;

    /// <summary>The provider options every test uses; <paramref name="group"/> is the consumer group.</summary>
    public static void Configure(KafkaStreamOptions options, string bootstrap, string prefix, string group)
    {
        options.BootstrapServers = bootstrap;
        options.StreamNamespaces = TestNamespaces.All.ToList();
        options.TopicPrefix = prefix;
        options.PartitionsPerTopic = Partitions;
        options.ConsumerGroup = group;
        options.CommitInterval = TimeSpan.Zero;
        // The mock answers a fetch only when its wait ends: keep the wait short for prompt tests.
        options.ConsumerSettings["fetch.wait.max.ms"] = "50";
    }

    /// <summary>A one-silo Orleans test cluster whose provider reads with consumer group <paramref name="group"/>.</summary>
    public async Task<TestCluster> StartClusterAsync(string group)
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties[BootstrapKey] = BootstrapServers;
        builder.Properties[PrefixKey] = TopicPrefix;
        builder.Properties[GroupKey] = group;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The provider's adapter outside Orleans: produces exactly as a silo or client would.</summary>
    public async Task<StandaloneAdapter> CreateAdapterAsync(string group = "standalone")
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer(s => s.AddAssembly(typeof(KafkaQueueAdapterFactory).Assembly).AddAssembly(typeof(StreamEvent).Assembly).AddAssembly(typeof(TestPayload).Assembly));
        services.Configure<ClusterOptions>(o => o.ServiceId = "kafka-tests");
        services.AddOptions<KafkaStreamOptions>(StreamNames.Provider).Configure(o => Configure(o, BootstrapServers, TopicPrefix, group));
        services.AddOptions<SimpleQueueCacheOptions>(StreamNames.Provider);
        var provider = services.BuildServiceProvider();
        var factory = KafkaQueueAdapterFactory.Create(provider, StreamNames.Provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        return new StandaloneAdapter(provider, factory, adapter);
    }

    public IConsumer<byte[], byte[]> CreatePlainConsumer(string group) =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 50,
        }).Build();

    /// <summary>The group's committed offset of a partition, or null when it has none.</summary>
    public long? Committed(string group, TopicPartition topicPartition)
    {
        using var consumer = CreatePlainConsumer(group);
        var offset = consumer.Committed([topicPartition], TimeSpan.FromSeconds(10)).Single().Offset;
        return offset.IsSpecial ? null : offset.Value;
    }

    public void Dispose() => Broker.Dispose();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            siloBuilder.Services.AddSingleton<IDeadLetterStore>(InMemoryDeadLetterStore.Instance);
            siloBuilder.AddKafkaStreams(
                StreamNames.Provider,
                o => KafkaTestEnvironment.Configure(o, configuration[BootstrapKey]!, configuration[PrefixKey]!, configuration[GroupKey]!));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddKafkaStreams(
                StreamNames.Provider,
                o => KafkaTestEnvironment.Configure(o, configuration[BootstrapKey]!, configuration[PrefixKey]!, configuration[GroupKey]!));
    }
}
