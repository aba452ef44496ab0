using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;

namespace Shop.Providers.Kafka;

/// <summary>
/// One Orleans queue per partition of each namespace's topic. A stream's partition is a stable hash of its key,
/// so all of a stream's events land on one partition and keep their order. Implements the consistent-ring
/// contract so that Orleans' default queue balancer can spread the queues over the silos.
/// </summary>
public sealed class KafkaStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly QueueId[] _queues;
    private readonly Dictionary<QueueId, (string Namespace, TopicPartition TopicPartition)> _byQueue = new();
    private readonly Dictionary<string, (string Topic, int FirstQueue)> _byNamespace = new(StringComparer.Ordinal);
    private readonly int _partitions;

    public KafkaStreamQueueMapper(KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _partitions = options.PartitionsPerTopic;

        // Sorted, so that every silo and client numbers the queues identically whatever the configuration's order.
        var namespaces = options.StreamNamespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var total = namespaces.Length * _partitions;
        _queues = new QueueId[total];
        var index = 0;
        foreach (var ns in namespaces)
        {
            var topic = options.TopicOf(ns);
            _byNamespace[ns] = (topic, index);
            for (var partition = 0; partition < _partitions; partition++, index++)
            {
                // Evenly spaced positions on the uint ring; the balancer hands each silo a contiguous range.
                var ringPosition = total == 1 ? 0u : (uint)(((ulong)index << 32) / (ulong)total);
                var queue = QueueId.GetQueueId(topic, (uint)partition, ringPosition);
                _queues[index] = queue;
                _byQueue[queue] = (ns, new TopicPartition(topic, new Partition(partition)));
            }
        }
    }

    /// <summary>The partition (within its namespace's topic) that a stream key maps to.</summary>
    public static int PartitionOf(ReadOnlySpan<byte> streamKey, int partitions) =>
        (int)(StableHash.Fnv1a(streamKey) % (uint)partitions);

    /// <summary>The topic and partition that carry <paramref name="streamId"/>.</summary>
    public TopicPartition GetTopicPartition(StreamId streamId)
    {
        var ns = streamId.GetNamespace();
        if (ns is null || !_byNamespace.TryGetValue(ns, out var entry))
        {
            throw new ArgumentException(
                $"Stream namespace '{ns}' is not configured for this Kafka stream provider (KafkaStreamOptions.StreamNamespaces: {string.Join(", ", _byNamespace.Keys)}).",
                nameof(streamId));
        }

        return new TopicPartition(entry.Topic, new Partition(PartitionOf(streamId.Key.Span, _partitions)));
    }

    /// <summary>The topic and partition that a queue reads.</summary>
    public TopicPartition GetTopicPartition(QueueId queueId) =>
        _byQueue.TryGetValue(queueId, out var entry)
            ? entry.TopicPartition
            : throw new ArgumentOutOfRangeException(nameof(queueId), $"Queue {queueId} is not one of this Kafka stream provider's queues.");

    /// <summary>The namespace whose topic a queue reads.</summary>
    public string GetNamespace(QueueId queueId) =>
        _byQueue.TryGetValue(queueId, out var entry)
            ? entry.Namespace
            : throw new ArgumentOutOfRangeException(nameof(queueId), $"Queue {queueId} is not one of this Kafka stream provider's queues.");

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var topicPartition = GetTopicPartition(streamId);
        return _queues[_byNamespace[streamId.GetNamespace()!].FirstQueue + topicPartition.Partition.Value];
    }

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) =>
        _queues.Where(q => range.InRange(q.GetUniformHashCode())).ToList();
}
