using Orleans;
using Orleans.Runtime;

namespace Shop.Providers.Kafka;

/// <summary>
/// The value of one Kafka message: what one <c>QueueMessageBatchAsync</c> call was given, serialized with
/// Orleans' serializer (so events need only be Orleans-serializable, as for any Orleans stream).
/// </summary>
[GenerateSerializer, Alias("shop.kafka.message-body")]
internal sealed class KafkaMessageBody
{
    [Id(0)] public StreamId StreamId { get; set; }

    [Id(1)] public List<object> Events { get; set; } = new();

    [Id(2)] public Dictionary<string, object>? RequestContext { get; set; }
}
