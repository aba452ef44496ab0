using Microsoft.Data.Sqlite;
using Shop.Runtime.Storage;

namespace Shop.Providers.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<QueuedStreamEvent>> ReadQueueAsync(int queue, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadQueue;
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", maxCount);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<QueuedStreamEvent>(Math.Min(maxCount, 1024));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var streamEvent = new StreamEvent(
                EventId: Guid.Parse(reader.GetString(1)),
                StreamNamespace: reader.GetString(2),
                StreamKey: reader.GetString(3),
                Queue: queue,
                EventType: reader.GetString(4),
                Payload: reader.GetFieldValue<byte[]>(5),
                CreatedAt: SqliteValues.FromUnixMs(reader.GetInt64(6)));
            events.Add(new QueuedStreamEvent(reader.GetInt64(0), streamEvent));
        }

        return events;
    }

    public async Task<long> ReadCheckpointAsync(string consumer, int queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadCheckpoint;
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$queue", queue);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence ? sequence : 0;
    }

    public async Task WriteCheckpointAsync(string consumer, int queue, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        await writer.EnqueueAsync(
            context =>
            {
                var command = context.Command(SqliteSql.WriteCheckpoint);
                command.Parameters.AddWithValue("$consumer", consumer);
                command.Parameters.AddWithValue("$queue", queue);
                command.Parameters.AddWithValue("$sequence", sequence);
                command.Parameters.AddWithValue("$now", context.NowUnixMs);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(deadLetter.Consumer, nameof(deadLetter));
        ArgumentNullException.ThrowIfNull(deadLetter.Error, nameof(deadLetter));
        GrainCommitValidation.ValidateEvent(deadLetter.Event, nameof(deadLetter));

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(
            context =>
            {
                var streamEvent = deadLetter.Event;
                var command = context.Command(SqliteSql.InsertDeadLetter);
                command.Parameters.AddWithValue("$consumer", deadLetter.Consumer);
                command.Parameters.AddWithValue("$eventId", SqliteValues.FormatEventId(streamEvent.EventId));
                command.Parameters.AddWithValue("$namespace", streamEvent.StreamNamespace);
                command.Parameters.AddWithValue("$streamKey", streamEvent.StreamKey);
                command.Parameters.AddWithValue("$queue", streamEvent.Queue);
                command.Parameters.AddWithValue("$eventType", streamEvent.EventType);
                command.Parameters.Add("$payload", SqliteType.Blob).Value = streamEvent.Payload;
                command.Parameters.AddWithValue("$createdAt", SqliteValues.ToUnixMs(streamEvent.CreatedAt));
                command.Parameters.AddWithValue("$error", deadLetter.Error);
                command.Parameters.AddWithValue("$attempts", deadLetter.Attempts);
                command.Parameters.AddWithValue("$failedAt", SqliteValues.ToUnixMs(deadLetter.FailedAt));
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ListDeadLetters;
        command.Parameters.AddWithValue("$max", maxCount);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deadLetters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deadLetters.Add(ReadDeadLetter(reader));
        }

        return deadLetters;
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.GetDeadLetter;
        command.Parameters.AddWithValue("$id", id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDeadLetter(reader) : null;
    }

    public async Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(
            context =>
            {
                var command = context.Command(SqliteSql.DeleteDeadLetter);
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> TrimQueueAsync(int queue, long upToSequence, DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(
            context =>
            {
                var command = context.Command(SqliteSql.TrimQueue);
                command.Parameters.AddWithValue("$queue", queue);
                command.Parameters.AddWithValue("$upTo", upToSequence);
                command.Parameters.AddWithValue("$before", SqliteValues.ToUnixMs(createdBefore));
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static DeadLetter ReadDeadLetter(SqliteDataReader reader)
    {
        var streamEvent = new StreamEvent(
            EventId: Guid.Parse(reader.GetString(2)),
            StreamNamespace: reader.GetString(3),
            StreamKey: reader.GetString(4),
            Queue: reader.GetInt32(5),
            EventType: reader.GetString(6),
            Payload: reader.GetFieldValue<byte[]>(7),
            CreatedAt: SqliteValues.FromUnixMs(reader.GetInt64(8)));
        return new DeadLetter(
            Id: reader.GetInt64(0),
            Consumer: reader.GetString(1),
            Event: streamEvent,
            Error: reader.GetString(9),
            Attempts: reader.GetInt32(10),
            FailedAt: SqliteValues.FromUnixMs(reader.GetInt64(11)));
    }
}
