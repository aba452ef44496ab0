using System.Text;
using Confluent.Kafka;

namespace Shop.Providers.Kafka.Tests;

public sealed class KafkaStreamQueueMapperTests
{
    private static KafkaStreamOptions Options() => new()
    {
        BootstrapServers = "localhost:9092",
        StreamNamespaces = ["payments", "orders"],
        PartitionsPerTopic = 8,
        TopicNames = new Dictionary<string, string> { ["payments"] = "pay-events" },
    };

    [Fact]
    public void A_stream_key_maps_to_the_same_partition_in_every_process()
    {
        // FNV-1a of "order-42" is 1461995252, a constant: not string.GetHashCode, which changes per process.
        Assert.Equal(1461995252u % 8, (uint)KafkaStreamQueueMapper.PartitionOf(Encoding.UTF8.GetBytes("order-42"), 8));
        var mapper = new KafkaStreamQueueMapper(Options());
        Assert.Equal(new TopicPartition("shop.orders", 4), mapper.GetTopicPartition(StreamId.Create("orders", "order-42")));
    }

    [Fact]
    public void There_is_one_queue_per_partition_of_each_topic_and_a_stream_goes_to_its_partitions_queue()
    {
        var mapper = new KafkaStreamQueueMapper(Options());
        var queues = mapper.GetAllQueues().ToList();

        Assert.Equal(16, queues.Count);
        Assert.Equal(16, queues.Select(q => q.GetUniformHashCode()).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, 8).Select(p => new TopicPartition("pay-events", p)).Concat(Enumerable.Range(0, 8).Select(p => new TopicPartition("shop.orders", p))).OrderBy(tp => tp.ToString()),
            queues.Select(mapper.GetTopicPartition).OrderBy(tp => tp.ToString()));

        var streamId = StreamId.Create("payments", "payment-7");
        Assert.Equal(mapper.GetTopicPartition(streamId), mapper.GetTopicPartition(mapper.GetQueueForStream(streamId)));

        // The numbering does not depend on the order namespaces are listed in.
        var reordered = Options();
        reordered.StreamNamespaces = ["orders", "payments"];
        Assert.Equal(queues, new KafkaStreamQueueMapper(reordered).GetAllQueues());
    }
}
