using Orleans.Streams;
using System.Text;
using Confluent.Kafka;
using Orleans.TestingHost;
using Shop.Streaming;
using Shop.TestKit;

namespace Shop.Providers.Kafka.Tests;

/// <summary>Delivery through Orleans: one silo and its client on a mock broker, shared by the tests of this class.</summary>
public sealed class KafkaStreamDeliveryTests : IClassFixture<KafkaStreamDeliveryTests.Fixture>
{
    private readonly Fixture _fixture;

    public KafkaStreamDeliveryTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IAsyncLifetime
    {
        public KafkaTestEnvironment Kafka { get; } = new();

        public string Group { get; } = $"delivery-{Guid.NewGuid():N}";

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await Kafka.StartClusterAsync(Group);

        public async Task DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
            Kafka.Dispose();
        }
    }

    private IAsyncStream<StreamEvent> Stream(string streamNamespace, string key) =>
        _fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider).GetStream<StreamEvent>(StreamId.Create(streamNamespace, key));

    [Fact]
    public async Task Events_of_each_stream_arrive_in_order_with_many_streams_over_every_partition()
    {
        const int perStream = 15;
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, KafkaTestEnvironment.Partitions)
            .SelectMany(p => Enumerable.Range(0, 3).Select(skip => StreamKeys.OnPartition($"ordered-{run}", p, skip)))
            .ToList();

        // Streams published concurrently, each stream's events one after the other.
        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = Stream(TestNamespaces.Ordered, key);
            for (var version = 1; version <= perStream; version++)
            {
                await stream.OnNextAsync(TestEvents.Create(key, version));
            }
        }));

        await Wait.UntilAsync(
            () => keys.All(k => RecordingConsumerGrain.Of(TestNamespaces.Ordered, k).Length >= perStream),
            () => $"received: {string.Join(", ", keys.Select(k => RecordingConsumerGrain.Of(TestNamespaces.Ordered, k).Length))}");

        foreach (var key in keys)
        {
            var received = RecordingConsumerGrain.Of(TestNamespaces.Ordered, key);
            Assert.Equal(Enumerable.Range(1, perStream).Select(v => (long)v), received.Select(r => r.Version));
            Assert.True(received.Zip(received.Skip(1)).All(pair => pair.First.Offset < pair.Second.Offset), "offsets increase along a stream");
        }

        // Every partition of the topic carried some of the streams.
        var topic = _fixture.Kafka.TopicOf(TestNamespaces.Ordered);
        using var consumer = _fixture.Kafka.CreatePlainConsumer("inspector");
        for (var partition = 0; partition < KafkaTestEnvironment.Partitions; partition++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value;
            Assert.True(high >= 3 * perStream, $"partition {partition} holds {high} messages");
        }
    }

    [Fact]
    public async Task An_offset_is_committed_only_after_Orleans_delivered_the_message()
    {
        const int count = 5;
        var key = StreamKeys.OnPartition($"gated-{Guid.NewGuid():N}", 2);
        var topicPartition = new TopicPartition(_fixture.Kafka.TopicOf(TestNamespaces.Gated), 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RecordingConsumerGrain.Gates[key] = gate;
        try
        {
            var stream = Stream(TestNamespaces.Gated, key);
            for (var version = 1; version <= count; version++)
            {
                await stream.OnNextAsync(TestEvents.Create(key, version));
            }

            // The first event is with the consumer, which cannot finish it: nothing may be committed yet.
            await Wait.UntilAsync(() => RecordingConsumerGrain.Arrivals.ContainsKey((TestNamespaces.Gated, key)), () => "the first event never reached the consumer");
            Assert.Null(_fixture.Kafka.Committed(_fixture.Group, topicPartition));
            Assert.Empty(RecordingConsumerGrain.Of(TestNamespaces.Gated, key));
        }
        finally
        {
            gate.SetResult();
        }

        await Wait.UntilAsync(() => RecordingConsumerGrain.Of(TestNamespaces.Gated, key).Length >= count, () => "not every event was delivered");
        await Wait.UntilAsync(
            () => _fixture.Kafka.Committed(_fixture.Group, topicPartition) == count,
            () => $"committed offset is {_fixture.Kafka.Committed(_fixture.Group, topicPartition)}, expected {count}");
        RecordingConsumerGrain.Gates.TryRemove(key, out _);
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_dead_letter_store_and_the_partition_keeps_flowing()
    {
        const int partition = 1;
        var key = StreamKeys.OnPartition($"poison-{Guid.NewGuid():N}", partition);
        var topicPartition = new TopicPartition(_fixture.Kafka.TopicOf(TestNamespaces.Poison), partition);
        var garbage = new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0xff, 0xfe };

        long poisonOffset;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _fixture.Kafka.BootstrapServers }).Build())
        {
            var delivery = await producer.ProduceAsync(topicPartition, new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(key),
                Value = garbage,
                Headers = new Headers
                {
                    { KafkaHeaders.StreamNamespace, Encoding.UTF8.GetBytes(TestNamespaces.Poison) },
                    { KafkaHeaders.StreamKey, Encoding.UTF8.GetBytes(key) },
                    { KafkaHeaders.EventId, Encoding.UTF8.GetBytes($"garbage@{key}") },
                    { KafkaHeaders.EventType, Encoding.UTF8.GetBytes("Garbage") },
                },
            });
            poisonOffset = delivery.Offset.Value;
        }

        var stream = Stream(TestNamespaces.Poison, key);
        for (var version = 1; version <= 3; version++)
        {
            await stream.OnNextAsync(TestEvents.Create(key, version));
        }

        var consumerName = $"kafka:{topicPartition.Topic}/{partition}@{poisonOffset}";
        await Wait.UntilAsync(() => InMemoryDeadLetterStore.Instance.All.Any(l => l.Consumer == consumerName), () => $"no dead letter for {consumerName}");
        await Wait.UntilAsync(() => RecordingConsumerGrain.Of(TestNamespaces.Poison, key).Length >= 3, () => "the events after the poison message were not delivered");

        var letter = InMemoryDeadLetterStore.Instance.All.Single(l => l.Consumer == consumerName);
        Assert.True(letter.PayloadIsRaw);
        Assert.Equal(garbage, letter.Payload);
        Assert.Equal(StreamNames.Provider, letter.StreamProvider);
        Assert.Equal(TestNamespaces.Poison, letter.StreamNamespace);
        Assert.Equal(key, letter.StreamKey);
        Assert.Equal($"garbage@{key}", letter.EventId);
        Assert.Equal("Garbage", letter.EventType);
        Assert.False(string.IsNullOrWhiteSpace(letter.Error));
        Assert.Equal([1L, 2L, 3L], RecordingConsumerGrain.Of(TestNamespaces.Poison, key).Select(r => r.Version));

        // The poison message does not hold the partition's commits back.
        await Wait.UntilAsync(
            () => _fixture.Kafka.Committed(_fixture.Group, topicPartition) == poisonOffset + 4,
            () => $"committed offset is {_fixture.Kafka.Committed(_fixture.Group, topicPartition)}, expected {poisonOffset + 4}");
    }
}
