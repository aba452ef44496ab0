using MySqlConnector;
using Shop.Streaming;

namespace Shop.Providers.MySql;

/// <summary>The <c>failed_events</c> table in a <see cref="MySqlStore"/>'s database: dead letters, committed when the calls complete.</summary>
public sealed class MySqlDeadLetterStore(MySqlStore store, TimeProvider? timeProvider = null) : IDeadLetterStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<long> AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return store.WriteAloneAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.InsertDeadLetter;
                command.Parameters.AddWithValue("@eventId", deadLetter.EventId);
                command.Parameters.AddWithValue("@provider", deadLetter.StreamProvider);
                command.Parameters.AddWithValue("@namespace", deadLetter.StreamNamespace);
                command.Parameters.AddWithValue("@streamKey", deadLetter.StreamKey);
                command.Parameters.AddWithValue("@eventType", deadLetter.EventType);
                command.Parameters.AddWithValue("@payload", deadLetter.Payload);
                command.Parameters.AddWithValue("@raw", deadLetter.PayloadIsRaw);
                command.Parameters.AddWithValue("@consumer", deadLetter.Consumer);
                command.Parameters.AddWithValue("@error", deadLetter.Error);
                command.Parameters.AddWithValue("@attempts", deadLetter.Attempts);
                command.Parameters.AddWithValue("@failedAt", MySqlValues.ToColumn(deadLetter.FailedAt));
                return Convert.ToInt64(await command.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return store.ReadAsync<IReadOnlyList<DeadLetter>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ListDeadLetters;
                command.Parameters.AddWithValue("@status", status is { } s ? (int)s : null);
                command.Parameters.AddWithValue("@after", afterId);
                command.Parameters.AddWithValue("@limit", limit);
                return await ReadAllAsync(command, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
        => store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadDeadLetter;
                command.Parameters.AddWithValue("@id", id);
                return (await ReadAllAsync(command, token).ConfigureAwait(false)).SingleOrDefault();
            },
            cancellationToken);

    public Task<bool> CloseAsync(long id, DeadLetterStatus status, CancellationToken cancellationToken = default)
    {
        if (status == DeadLetterStatus.Open)
        {
            throw new ArgumentException("A dead letter is closed as replayed or discarded.", nameof(status));
        }

        return store.WriteAloneAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.CloseDeadLetter;
                command.Parameters.AddWithValue("@id", id);
                command.Parameters.AddWithValue("@status", (int)status);
                command.Parameters.AddWithValue("@now", MySqlValues.ToColumn(_time.GetUtcNow()));
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    private static async Task<List<DeadLetter>> ReadAllAsync(MySqlCommand command, CancellationToken cancellationToken)
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
                reader.GetBoolean(7),
                reader.GetString(8),
                reader.GetString(9),
                reader.GetInt32(10),
                MySqlValues.FromColumn(reader.GetDateTime(11)),
                (DeadLetterStatus)reader.GetInt32(12)));
        }

        return letters;
    }
}
