using Microsoft.Data.Sqlite;
using Shop.Streaming;

namespace Shop.Providers.Sqlite;

/// <summary>The <c>failed_events</c> table of a <see cref="SqliteStore"/>: dead letters, committed when the calls complete.</summary>
public sealed class SqliteDeadLetterStore(SqliteStore store, TimeProvider? timeProvider = null) : IDeadLetterStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<long> AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return store.ExecuteWriteAsync(
            context =>
            {
                var insert = context.Command(SqliteSql.InsertDeadLetter);
                insert.Parameters.AddWithValue("$eventId", (object?)deadLetter.EventId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$provider", deadLetter.StreamProvider);
                insert.Parameters.AddWithValue("$namespace", (object?)deadLetter.StreamNamespace ?? DBNull.Value);
                insert.Parameters.AddWithValue("$streamKey", (object?)deadLetter.StreamKey ?? DBNull.Value);
                insert.Parameters.AddWithValue("$eventType", deadLetter.EventType);
                insert.Parameters.Add("$payload", SqliteType.Blob).Value = deadLetter.Payload;
                insert.Parameters.AddWithValue("$raw", deadLetter.PayloadIsRaw ? 1 : 0);
                insert.Parameters.AddWithValue("$consumer", deadLetter.Consumer);
                insert.Parameters.AddWithValue("$error", deadLetter.Error);
                insert.Parameters.AddWithValue("$attempts", deadLetter.Attempts);
                insert.Parameters.AddWithValue("$failedAt", SqliteValues.ToUnixMs(deadLetter.FailedAt));
                return (long)insert.ExecuteScalar()!;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ListDeadLetters;
                command.Parameters.AddWithValue("$status", status is { } s ? (int)s : DBNull.Value);
                command.Parameters.AddWithValue("$after", afterId);
                command.Parameters.AddWithValue("$limit", limit);
                return (IReadOnlyList<DeadLetter>)await ReadAllAsync(command, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
        => store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ReadDeadLetter;
                command.Parameters.AddWithValue("$id", id);
                return (await ReadAllAsync(command, token).ConfigureAwait(false)).SingleOrDefault();
            },
            cancellationToken);

    public Task<bool> CloseAsync(long id, DeadLetterStatus status, CancellationToken cancellationToken = default)
    {
        if (status == DeadLetterStatus.Open)
        {
            throw new ArgumentException("A dead letter is closed as replayed or discarded.", nameof(status));
        }

        return store.ExecuteWriteAsync(
            context =>
            {
                var update = context.Command(SqliteSql.CloseDeadLetter);
                update.Parameters.AddWithValue("$id", id);
                update.Parameters.AddWithValue("$status", (int)status);
                update.Parameters.AddWithValue("$now", SqliteValues.ToUnixMs(_time.GetUtcNow()));
                return update.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    private static async Task<List<DeadLetter>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<byte[]>(6),
                reader.GetInt64(7) != 0,
                reader.GetString(8),
                reader.GetString(9),
                reader.GetInt32(10),
                SqliteValues.FromUnixMs(reader.GetInt64(11)),
                (DeadLetterStatus)reader.GetInt32(12)));
        }

        return letters;
    }
}
