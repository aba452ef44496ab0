using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Shop.Providers.Kafka;

/// <summary>
/// One Kafka message as Orleans sees it. Its sequence token is the message's offset in its partition, so
/// tokens order exactly as the partition does; the event index tells apart the events of one message.
/// </summary>
[GenerateSerializer, Alias("shop.kafka.batch-container")]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; set; }

    [Id(1)] public List<object> Events { get; set; } = new();

    [Id(2)] public Dictionary<string, object>? RequestContext { get; set; }

    [Id(3)] public EventSequenceTokenV2 Token { get; set; } = new();

    /// <summary>The Kafka offset of the message.</summary>
    public long Offset => Token.SequenceNumber;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        // Keep each event's index within the message even when other types are skipped: the token must stay stable.
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T typed)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(typed, Token.CreateSequenceTokenForEvent(i));
            }
        }
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"KafkaBatchContainer[{StreamId} @{Offset}, {Events.Count} event(s)]";
}
