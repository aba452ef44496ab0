using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Kafka;

/// <summary>
/// Writes a stream's events to its partition, one Kafka message per call, and creates the queues' receivers.
/// A call completes only when the broker has acknowledged the message (acks=all, idempotent producer), so a
/// relay that marks an outbox row sent after it returns never loses an event.
/// </summary>
internal sealed class KafkaQueueAdapter : IQueueAdapter
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly KafkaStreamQueueMapper _mapper;
    private readonly Serializer<KafkaMessageBody> _serializer;
    private readonly Func<QueueId, IQueueAdapterReceiver> _createReceiver;

    public KafkaQueueAdapter(
        string name,
        IProducer<byte[], byte[]> producer,
        KafkaStreamQueueMapper mapper,
        Serializer<KafkaMessageBody> serializer,
        Func<QueueId, IQueueAdapterReceiver> createReceiver)
    {
        Name = name;
        _producer = producer;
        _mapper = mapper;
        _serializer = serializer;
        _createReceiver = createReceiver;
    }

    public string Name { get; }

    /// <summary>Subscribing from an earlier position is not offered: the cache holds only what was read since the queue started.</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new NotSupportedException("The Kafka stream provider assigns positions itself (the partition's offsets); a sequence token cannot be given.");
        }

        var list = events.Cast<object>().ToList();
        if (list.Count == 0)
        {
            return;
        }

        var topicPartition = _mapper.GetTopicPartition(streamId);
        var body = new KafkaMessageBody { StreamId = streamId, Events = list, RequestContext = requestContext };
        var message = new Message<byte[], byte[]>
        {
            // The key is informative (tools, compaction); the partition is chosen here, by the queue mapper.
            Key = streamId.Key.ToArray(),
            Value = _serializer.SerializeToArray(body),
            Headers = HeadersOf(streamId, list),
        };

        var delivery = await _producer.ProduceAsync(topicPartition, message);
        if (delivery.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(Confluent.Kafka.ErrorCode.Unknown, $"The message to {topicPartition} was not acknowledged (status {delivery.Status})."));
        }
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => _createReceiver(queueId);

    private static Headers HeadersOf(StreamId streamId, List<object> events)
    {
        var headers = new Headers
        {
            { KafkaHeaders.StreamNamespace, streamId.Namespace.ToArray() },
            { KafkaHeaders.StreamKey, streamId.Key.ToArray() },
        };

        foreach (var item in events)
        {
            if (item is StreamEvent streamEvent)
            {
                headers.Add(KafkaHeaders.EventId, Encoding.UTF8.GetBytes(streamEvent.EventId));
                headers.Add(KafkaHeaders.EventType, Encoding.UTF8.GetBytes(streamEvent.PayloadType));
            }
            else
            {
                var type = item.GetType();
                headers.Add(KafkaHeaders.EventType, Encoding.UTF8.GetBytes(type.FullName ?? type.Name));
            }
        }

        return headers;
    }
}
