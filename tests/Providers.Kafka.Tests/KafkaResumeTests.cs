using Confluent.Kafka;
using Shop.Streaming;

namespace Shop.Providers.Kafka.Tests;

/// <summary>Committed offsets carry a queue across a restart of the silos: nothing lost, delivered ones not re-read.</summary>
public sealed class KafkaResumeTests : IDisposable
{
    private readonly KafkaTestEnvironment _kafka = new();

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task After_the_silos_stop_and_events_are_published_a_new_silo_resumes_from_the_committed_offset()
    {
        const int partition = 3;
        var group = $"resume-{Guid.NewGuid():N}";
        var key = StreamKeys.OnPartition($"resume-{Guid.NewGuid():N}", partition);
        var streamId = StreamId.Create(TestNamespaces.Resume, key);
        var topicPartition = new TopicPartition(_kafka.TopicOf(TestNamespaces.Resume), partition);

        await using (var first = await _kafka.StartClusterAsync(group))
        {
            var stream = first.Client.GetStreamProvider(StreamNames.Provider).GetStream<StreamEvent>(streamId);
            for (var version = 1; version <= 10; version++)
            {
                await stream.OnNextAsync(TestEvents.Create(key, version));
            }

            await Wait.UntilAsync(() => RecordingConsumerGrain.Of(TestNamespaces.Resume, key).Length >= 10, () => "the first ten were not delivered");
            await Wait.UntilAsync(() => _kafka.Committed(group, topicPartition) == 10, () => $"committed offset is {_kafka.Committed(group, topicPartition)}, expected 10");
            await first.StopAllSilosAsync();
        }

        // Published while no silo reads the topic.
        await using (var standalone = await _kafka.CreateAdapterAsync())
        {
            for (var version = 11; version <= 20; version++)
            {
                await standalone.PublishAsync(streamId, TestEvents.Create(key, version));
            }
        }

        Assert.Equal(10, _kafka.Committed(group, topicPartition));
        var deliveredBefore = RecordingConsumerGrain.Of(TestNamespaces.Resume, key).Length;

        await using var second = await _kafka.StartClusterAsync(group);
        await Wait.UntilAsync(
            () => RecordingConsumerGrain.Of(TestNamespaces.Resume, key).Select(r => r.Version).Distinct().Count() >= 20,
            () => $"received versions: {string.Join(",", RecordingConsumerGrain.Of(TestNamespaces.Resume, key).Select(r => r.Version))}");

        var all = RecordingConsumerGrain.Of(TestNamespaces.Resume, key);
        Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), all.Select(r => r.Version).Distinct().Order());
        // The second silo started at the committed offset: it re-read none of the first ten.
        Assert.Equal(Enumerable.Range(11, 10).Select(v => (long)v), all.Skip(deliveredBefore).Select(r => r.Version));

        await Wait.UntilAsync(() => _kafka.Committed(group, topicPartition) == 20, () => $"committed offset is {_kafka.Committed(group, topicPartition)}, expected 20");
        await second.StopAllSilosAsync();
    }
}
