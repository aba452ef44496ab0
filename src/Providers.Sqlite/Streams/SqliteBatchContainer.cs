using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Shop.Providers.Sqlite.Streams;

/// <summary>
/// One batch of events of one stream, as stored in a <c>stream_messages</c> row (serialized by Orleans) and
/// delivered by the pulling agent. Its sequence token is the row's <c>seq</c>, set when the row is read.
/// </summary>
[GenerateSerializer]
[Alias("shop.sqlite-stream-batch")]
public sealed class SqliteBatchContainer : IBatchContainer
{
    public SqliteBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public List<object> Events { get; }

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>Null while the batch is being enqueued; the row's <c>seq</c> once read back.</summary>
    [Id(3)]
    public EventSequenceTokenV2? Token { get; internal set; }

    /// <summary>The row this batch was read from.</summary>
    public long Sequence => Token?.SequenceNumber ?? throw new InvalidOperationException("The batch has not been read from a queue.");

    StreamSequenceToken IBatchContainer.SequenceToken
        => Token ?? throw new InvalidOperationException("The batch has not been read from a queue.");

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = Token ?? throw new InvalidOperationException("The batch has not been read from a queue.");
        return Events.OfType<T>().Select((e, i) => Tuple.Create<T, StreamSequenceToken>(e, token.CreateSequenceTokenForEvent(i)));
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

    public override string ToString() => $"[SqliteBatchContainer:Stream={StreamId},#Items={Events.Count},Seq={Token?.SequenceNumber}]";
}
