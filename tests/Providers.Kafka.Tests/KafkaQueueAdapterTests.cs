using System.Text;
using Confluent.Kafka;
using Shop.Streaming;

namespace Shop.Providers.Kafka.Tests;

/// <summary>The adapter's produce path against the mock broker, without Orleans' runtime.</summary>
public sealed class KafkaQueueAdapterTests : IClassFixture<KafkaQueueAdapterTests.Environment>
{
    private readonly KafkaTestEnvironment _kafka;

    public KafkaQueueAdapterTests(Environment environment) => _kafka = environment.Kafka;

    public sealed class Environment : IDisposable
    {
        public KafkaTestEnvironment Kafka { get; } = new();

        public void Dispose() => Kafka.Dispose();
    }

    [Fact]
    public async Task A_publish_completes_only_once_the_broker_has_the_message_with_its_headers()
    {
        await using var standalone = await _kafka.CreateAdapterAsync();
        var streamId = StreamId.Create(TestNamespaces.Ordered, $"acked-{Guid.NewGuid():N}");
        var topicPartition = standalone.Mapper.GetTopicPartition(streamId);
        var evt = TestEvents.Create("source-1", 7);

        using var consumer = _kafka.CreatePlainConsumer("inspector");
        var before = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;

        await standalone.PublishAsync(streamId, evt);

        // No waiting: when the call returned, the broker had acknowledged the message.
        var after = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;
        Assert.Equal(before + 1, after);

        consumer.Assign(new TopicPartitionOffset(topicPartition, new Offset(before)));
        var result = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(result);
        Assert.Equal(before, result.Offset.Value);
        string HeaderOf(string name) => Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));
        Assert.Equal(TestNamespaces.Ordered, HeaderOf(KafkaHeaders.StreamNamespace));
        Assert.Equal(streamId.GetKeyAsString(), HeaderOf(KafkaHeaders.StreamKey));
        Assert.Equal(evt.EventId, HeaderOf(KafkaHeaders.EventId));
        Assert.Equal(typeof(TestPayload).FullName, HeaderOf(KafkaHeaders.EventType));
        Assert.Equal(streamId.Key.ToArray(), result.Message.Key);
    }

    [Fact]
    public async Task Several_events_in_one_call_make_one_message_with_a_header_per_event()
    {
        await using var standalone = await _kafka.CreateAdapterAsync();
        var streamId = StreamId.Create(TestNamespaces.Ordered, $"batch-{Guid.NewGuid():N}");
        var topicPartition = standalone.Mapper.GetTopicPartition(streamId);
        using var consumer = _kafka.CreatePlainConsumer("inspector");
        var before = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;

        await standalone.PublishAsync(streamId, TestEvents.Create("s", 1), TestEvents.Create("s", 2), TestEvents.Create("s", 3));

        Assert.Equal(before + 1, consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(new TopicPartitionOffset(topicPartition, new Offset(before)));
        var result = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(result);
        var ids = result.Message.Headers.Where(h => h.Key == KafkaHeaders.EventId).Select(h => Encoding.UTF8.GetString(h.GetValueBytes()));
        Assert.Equal(["s@1", "s@2", "s@3"], ids);
    }

    [Fact]
    public async Task A_stream_of_an_unconfigured_namespace_is_refused_clearly()
    {
        await using var standalone = await _kafka.CreateAdapterAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => standalone.PublishAsync(StreamId.Create("unknown-ns", "k"), TestEvents.Create("s", 1)));
        Assert.Contains("unknown-ns", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KafkaStreamOptions.StreamNamespaces), error.Message, StringComparison.Ordinal);
    }
}
