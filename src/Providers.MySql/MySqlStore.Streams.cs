using System.Data.Common;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql;

public sealed partial class MySqlStore
{
    public async Task<IReadOnlyList<QueuedStreamEvent>> ReadQueueAsync(int queue, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        return await RunReadAsync<IReadOnlyList<QueuedStreamEvent>>(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadQueue);
                command.Parameters.AddWithValue("@queue", queue);
                command.Parameters.AddWithValue("@after", afterSequence);
                command.Parameters.AddWithValue("@max", maxCount);
                using var reader = command.ExecuteReader();
                var events = new List<QueuedStreamEvent>(Math.Min(maxCount, 1024));
                while (reader.Read())
                {
                    var streamEvent = new StreamEvent(
                        EventId: reader.GetGuid(1),
                        StreamNamespace: reader.GetString(2),
                        StreamKey: reader.GetString(3),
                        Queue: queue,
                        EventType: reader.GetString(4),
                        Payload: (byte[])reader.GetValue(5),
                        CreatedAt: MySqlValues.FromColumn(reader.GetDateTime(6)));
                    events.Add(new QueuedStreamEvent(reader.GetInt64(0), streamEvent));
                }

                return events;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReadCheckpointAsync(string consumer, int queue, CancellationToken cancellationToken = default)
    {
        ValidateConsumer(consumer);

        return await RunReadAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadCheckpoint);
                command.Parameters.AddWithValue("@consumer", consumer);
                command.Parameters.AddWithValue("@queue", queue);
                return command.ExecuteScalar() is long sequence ? sequence : 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteCheckpointAsync(string consumer, int queue, long sequence, CancellationToken cancellationToken = default)
    {
        ValidateConsumer(consumer);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);

        await RunWriteAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.WriteCheckpoint);
                command.Parameters.AddWithValue("@consumer", consumer);
                command.Parameters.AddWithValue("@queue", queue);
                command.Parameters.AddWithValue("@sequence", sequence);
                command.Parameters.AddWithValue("@now", MySqlValues.ToColumn(_timeProvider.GetUtcNow()));
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(deadLetter.Consumer, nameof(deadLetter));
        ArgumentNullException.ThrowIfNull(deadLetter.Error, nameof(deadLetter));
        MySqlValues.CheckLength(deadLetter.Consumer, MySqlLimits.Consumer, "consumer", nameof(deadLetter));
        ValidateEvent(deadLetter.Event, nameof(deadLetter));

        return await RunWriteAsync(
            connection =>
            {
                var streamEvent = deadLetter.Event;
                using var command = Command(connection, MySqlSql.InsertDeadLetter);
                command.Parameters.AddWithValue("@consumer", deadLetter.Consumer);
                command.Parameters.AddWithValue("@eventId", MySqlValues.FormatEventId(streamEvent.EventId));
                command.Parameters.AddWithValue("@namespace", streamEvent.StreamNamespace);
                command.Parameters.AddWithValue("@streamKey", streamEvent.StreamKey);
                command.Parameters.AddWithValue("@queue", streamEvent.Queue);
                command.Parameters.AddWithValue("@eventType", streamEvent.EventType);
                command.Parameters.AddWithValue("@payload", streamEvent.Payload);
                command.Parameters.AddWithValue("@createdAt", MySqlValues.ToColumn(streamEvent.CreatedAt));
                command.Parameters.AddWithValue("@error", deadLetter.Error);
                command.Parameters.AddWithValue("@attempts", deadLetter.Attempts);
                command.Parameters.AddWithValue("@failedAt", MySqlValues.ToColumn(deadLetter.FailedAt));
                command.ExecuteNonQuery();
                return command.LastInsertedId;
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

        return await RunReadAsync<IReadOnlyList<DeadLetter>>(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ListDeadLetters);
                command.Parameters.AddWithValue("@max", maxCount);
                using var reader = command.ExecuteReader();
                var deadLetters = new List<DeadLetter>();
                while (reader.Read())
                {
                    deadLetters.Add(ReadDeadLetter(reader));
                }

                return deadLetters;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        return await RunReadAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.GetDeadLetter);
                command.Parameters.AddWithValue("@id", id);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadDeadLetter(reader) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        return await RunWriteAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.DeleteDeadLetter);
                command.Parameters.AddWithValue("@id", id);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> TrimQueueAsync(int queue, long upToSequence, DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        return await RunWriteAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.TrimQueue);
                command.Parameters.AddWithValue("@queue", queue);
                command.Parameters.AddWithValue("@upTo", upToSequence);
                command.Parameters.AddWithValue("@before", MySqlValues.ToColumn(createdBefore));
                command.Parameters.AddWithValue("@limit", MySqlSql.TrimChunk);
                var deleted = 0;
                while (true)
                {
                    var chunk = command.ExecuteNonQuery();
                    deleted += chunk;
                    if (chunk < MySqlSql.TrimChunk)
                    {
                        return deleted;
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateConsumer(string consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        MySqlValues.CheckLength(consumer, MySqlLimits.Consumer, "consumer", nameof(consumer));
    }

    private static DeadLetter ReadDeadLetter(DbDataReader reader)
    {
        var streamEvent = new StreamEvent(
            EventId: reader.GetGuid(2),
            StreamNamespace: reader.GetString(3),
            StreamKey: reader.GetString(4),
            Queue: reader.GetInt32(5),
            EventType: reader.GetString(6),
            Payload: (byte[])reader.GetValue(7),
            CreatedAt: MySqlValues.FromColumn(reader.GetDateTime(8)));
        return new DeadLetter(
            Id: reader.GetInt64(0),
            Consumer: reader.GetString(1),
            Event: streamEvent,
            Error: reader.GetString(9),
            Attempts: reader.GetInt32(10),
            FailedAt: MySqlValues.FromColumn(reader.GetDateTime(11)));
    }
}
