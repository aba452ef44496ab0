using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Sqlite.Streams;

/// <summary>
/// Reads one queue's rows in <c>seq</c> order and deletes them once Orleans reports them delivered.
/// </summary>
/// <remarks>
/// The receiver remembers, in memory only, the last row it handed to Orleans and reads after it; a row is
/// deleted only in <see cref="MessagesDeliveredAsync"/>, i.e. after the pulling agent has delivered it to every
/// consumer. A new receiver (after a crash, a restart or a queue handed to another silo) starts from the
/// oldest row still there, so what was not acknowledged is delivered again: at-least-once, consumers
/// deduplicate by event id. A row whose payload cannot be deserialized is never dropped silently: it goes to
/// the <see cref="IDeadLetterStore"/> when one is registered (raw bytes, <c>PayloadIsRaw</c>), else it is logged
/// at Error level; then it is deleted and the queue goes on.
/// </remarks>
internal sealed class SqliteQueueAdapterReceiver(
    string provider,
    QueueId queueId,
    SqliteStreamOptions options,
    SqliteStore store,
    Serializer<SqliteBatchContainer> serializer,
    IDeadLetterStore? deadLetters,
    ILogger<SqliteQueueAdapterReceiver> logger) : IQueueAdapterReceiver
{
    private readonly uint _queue = queueId.GetNumericId();
    private long _lastRead;
    private volatile bool _shutdown;

    public Task Initialize(TimeSpan timeout) => store.InitializeAsync();

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (_shutdown)
        {
            return [];
        }

        var limit = maxCount <= 0 ? options.BatchSize : Math.Min(maxCount, options.BatchSize);
        var rows = await ReadAsync(_lastRead, limit).ConfigureAwait(false);
        var batches = new List<IBatchContainer>(rows.Count);
        var unreadable = new List<long>();
        foreach (var row in rows)
        {
            SqliteBatchContainer? batch = null;
            Exception? error = null;
            try
            {
                batch = serializer.Deserialize(row.Payload);
                if (batch is null || batch.Events is null)
                {
                    error = new InvalidDataException("The payload deserialized to no batch.");
                }
            }
            catch (Exception exception)
            {
                error = exception;
            }

            if (error is not null)
            {
                if (!await DeadLetterAsync(row, error).ConfigureAwait(false))
                {
                    // Stop before the unreadable row: it is tried again on the next read, and nothing after it
                    // overtakes it.
                    break;
                }

                unreadable.Add(row.Seq);
            }
            else
            {
                batch!.Token = new EventSequenceTokenV2(row.Seq);
                batches.Add(batch);
            }

            _lastRead = row.Seq;
        }

        if (unreadable.Count > 0)
        {
            await DeleteAsync(unreadable).ConfigureAwait(false);
        }

        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await DeleteAsync(messages.OfType<SqliteBatchContainer>().Select(m => m.Sequence).ToList()).ConfigureAwait(false);
    }

    public Task Shutdown(TimeSpan timeout)
    {
        // Nothing to release: rows not yet acknowledged stay and are read again by the next receiver.
        _shutdown = true;
        return Task.CompletedTask;
    }

    private Task<List<Row>> ReadAsync(long after, int limit) => store.ExecuteReadAsync(
        async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteStreamSql.ReadAfter;
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$queue", (long)_queue);
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$limit", limit);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var rows = new List<Row>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                rows.Add(new Row(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    (byte[])reader.GetValue(5)));
            }

            return rows;
        });

    private Task DeleteAsync(List<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return Task.CompletedTask;
        }

        return store.ExecuteWriteAsync(
            context =>
            {
                var deleted = 0;
                foreach (var seq in seqs)
                {
                    var command = context.Command(SqliteStreamSql.Delete);
                    command.Parameters.AddWithValue("$seq", seq);
                    deleted += command.ExecuteNonQuery();
                }

                return deleted;
            });
    }

    /// <summary>Records an unreadable row; false when that failed (the row must then not be skipped).</summary>
    private async Task<bool> DeadLetterAsync(Row row, Exception error)
    {
        if (deadLetters is null)
        {
            SqliteStreamLog.PoisonSkipped(logger, provider, _queue, row.Seq, row.StreamNamespace, row.StreamKey, row.EventId, row.Payload.Length, error);
            return true;
        }

        try
        {
            var id = await deadLetters.AddAsync(new DeadLetter(
                Id: 0,
                EventId: row.EventId,
                StreamProvider: provider,
                StreamNamespace: row.StreamNamespace,
                StreamKey: row.StreamKey,
                EventType: row.EventType ?? "unknown",
                Payload: row.Payload,
                PayloadIsRaw: true,
                Consumer: $"sqlite-queue:{_queue}@{row.Seq}",
                Error: $"{error.GetType().FullName}: {error.Message}",
                Attempts: 1,
                FailedAt: DateTimeOffset.UtcNow,
                Status: DeadLetterStatus.Open)).ConfigureAwait(false);
            SqliteStreamLog.PoisonDeadLettered(logger, provider, _queue, row.Seq, row.StreamNamespace, row.StreamKey, id, error);
            return true;
        }
        catch (Exception exception)
        {
            SqliteStreamLog.DeadLetterFailed(logger, provider, _queue, row.Seq, exception);
            return false;
        }
    }

    private sealed record Row(long Seq, string? StreamNamespace, string StreamKey, string? EventId, string? EventType, byte[] Payload);
}
