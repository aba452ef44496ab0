using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Sqlite.Streams;

/// <summary>
/// Enqueues a batch as one <c>stream_messages</c> row through the store's writer: the task completes once the
/// row is committed (durable), so a producer that saw success never loses the event.
/// </summary>
internal sealed class SqliteQueueAdapter(
    string name,
    SqliteStreamOptions options,
    SqliteStore store,
    Serializer<SqliteBatchContainer> serializer,
    HashRingBasedStreamQueueMapper mapper,
    IDeadLetterStore? deadLetters,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("The SQLite stream provider does not support producer-supplied sequence tokens.", nameof(token));
        }

        var list = events.Cast<object>().ToList();
        if (list.Count == 0)
        {
            return;
        }

        var payload = serializer.SerializeToArray(new SqliteBatchContainer(streamId, list, requestContext));
        var queue = (long)mapper.GetQueueForStream(streamId).GetNumericId();
        var streamNamespace = streamId.GetNamespace();
        var streamKey = streamId.GetKeyAsString();
        var first = list.OfType<StreamEvent>().FirstOrDefault();
        var eventId = first?.EventId;
        var eventType = first?.PayloadType ?? list[0].GetType().FullName;

        await store.ExecuteWriteAsync(
            context =>
            {
                var command = context.Command(SqliteStreamSql.Enqueue);
                command.Parameters.AddWithValue("$provider", name);
                command.Parameters.AddWithValue("$queue", queue);
                command.Parameters.AddWithValue("$namespace", (object?)streamNamespace ?? DBNull.Value);
                command.Parameters.AddWithValue("$key", streamKey);
                command.Parameters.AddWithValue("$eventId", (object?)eventId ?? DBNull.Value);
                command.Parameters.AddWithValue("$eventType", (object?)eventType ?? DBNull.Value);
                command.Parameters.AddWithValue("$payload", payload);
                command.Parameters.AddWithValue("$now", context.NowUnixMs);
                return (long)command.ExecuteScalar()!;
            }).ConfigureAwait(false);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
        => new SqliteQueueAdapterReceiver(name, queueId, options, store, serializer, deadLetters, loggerFactory.CreateLogger<SqliteQueueAdapterReceiver>());
}
