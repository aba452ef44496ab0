using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Providers.Sqlite.Writing;

namespace Shop.Providers.Sqlite;

/// <summary>
/// The journals of <see cref="DurableJournaledGrain{TState,TEntry}"/>s in the <c>grain_journal</c> and
/// <c>grain_journal_snapshots</c> tables of a <see cref="SqliteStore"/>.
/// </summary>
/// <remarks>
/// An append is one row (<see cref="JournalSegment"/>) and, when given, the snapshot, in one savepoint of a
/// group-committed transaction: both or neither are stored, and the caller hears of it only after the
/// commit. The insert itself checks that the journal ends right before the appended versions, so a stale
/// activation's append, or one that would leave a gap, fails whole with <see cref="InconsistentStateException"/>.
/// </remarks>
public sealed class SqliteJournalStorage : IJournalStorage
{
    private readonly SqliteStore _store;
    private readonly ILogger _logger;

    public SqliteJournalStorage(SqliteStore store, ILogger<SqliteJournalStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = logger ?? NullLogger<SqliteJournalStorage>.Instance;
    }

    public Task<JournalRead> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        SqliteValues.ValidateGrainId(grainId);
        return _store.ExecuteReadAsync(
            async (connection, token) =>
            {
                // One read transaction: the snapshot and the entries after it come from the same commit point.
                using var transaction = connection.BeginTransaction(deferred: true);
                JournalSnapshot? snapshot = null;
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = SqliteSql.ReadSnapshot;
                    SqliteValues.AddGrainId(command, grainId);
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    if (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        snapshot = new JournalSnapshot(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
                    }
                }

                var entries = await ReadEntriesAsync(connection, grainId, snapshot?.Version ?? 0, token).ConfigureAwait(false);
                transaction.Commit();
                return new JournalRead(snapshot, entries);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default)
    {
        SqliteValues.ValidateGrainId(grainId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        return _store.ExecuteReadAsync(
            async (connection, token) => (IReadOnlyList<JournalEntry>)await ReadEntriesAsync(connection, grainId, afterVersion, token).ConfigureAwait(false),
            cancellationToken);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, CancellationToken cancellationToken = default)
        => AppendAsync(grainId, expectedVersion, entries, snapshot, toOutbox: false, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, bool toOutbox, CancellationToken cancellationToken = default)
    {
        SqliteValues.ValidateGrainId(grainId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            JournalSegment.Validate(entry, grainId, nameof(entries));
        }

        var lastVersion = expectedVersion + entries.Count;
        if (snapshot is not null && (snapshot.Version < 1 || snapshot.Version > lastVersion))
        {
            throw new ArgumentException($"A snapshot appended with versions up to {lastVersion} must be of a version from 1 to {lastVersion}, not {snapshot.Version}.", nameof(snapshot));
        }

        // Packed before queueing: the single writer thread should only run SQL.
        var payload = entries.Count == 0 ? null : JournalSegment.Pack(entries);
        await _store.ExecuteWriteAsync(
            context =>
            {
                Append(context, grainId, expectedVersion, lastVersion, payload, snapshot, toOutbox);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(GrainType grainType, CancellationToken cancellationToken = default)
    {
        return _store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ListJournaledKeys;
                command.Parameters.AddWithValue("$type", grainType.ToString());
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var keys = new List<string>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    keys.Add(reader.GetString(0));
                }

                return (IReadOnlyList<string>)keys;
            },
            cancellationToken);
    }

    public Task<long?> ReadFirstUnpublishedVersionAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        SqliteValues.ValidateGrainId(grainId);
        return _store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ReadFirstUnpublished;
                SqliteValues.AddGrainId(command, grainId);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is long first ? first : (long?)null;
            },
            cancellationToken);
    }

    public Task MarkPublishedAsync(GrainId grainId, long upToVersion, CancellationToken cancellationToken = default)
    {
        SqliteValues.ValidateGrainId(grainId);
        return _store.ExecuteWriteAsync(
            context =>
            {
                var delete = context.Command(SqliteSql.DeletePublished);
                SqliteValues.AddGrainId(delete, grainId);
                delete.Parameters.AddWithValue("$upTo", upToVersion);
                return delete.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<GrainId>> ListUnpublishedAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ListUnpublished;
                command.Parameters.AddWithValue("$before", SqliteValues.ToUnixMs(appendedBefore));
                command.Parameters.AddWithValue("$limit", limit);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var grains = new List<GrainId>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    grains.Add(GrainId.Create(reader.GetString(0), reader.GetString(1)));
                }

                return (IReadOnlyList<GrainId>)grains;
            },
            cancellationToken);
    }

    private void Append(WriteContext context, GrainId grainId, long expectedVersion, long lastVersion, byte[]? payload, JournalSnapshot? snapshot, bool toOutbox)
    {
        if (payload is null)
        {
            // Nothing to append, but the caller still learns whether its view of the journal is current.
            var stored = ReadLastVersion(context, grainId);
            if (stored != expectedVersion)
            {
                throw Conflict(grainId, expectedVersion, stored);
            }
        }
        else
        {
            var insert = context.Command(SqliteSql.InsertJournal);
            SqliteValues.AddGrainId(insert, grainId);
            insert.Parameters.AddWithValue("$version", expectedVersion + 1);
            insert.Parameters.AddWithValue("$lastVersion", lastVersion);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
            insert.Parameters.AddWithValue("$now", context.NowUnixMs);
            if (insert.ExecuteNonQuery() != 1)
            {
                throw Conflict(grainId, expectedVersion, ReadLastVersion(context, grainId));
            }

            if (toOutbox)
            {
                var outbox = context.Command(SqliteSql.InsertOutbox);
                SqliteValues.AddGrainId(outbox, grainId);
                outbox.Parameters.AddWithValue("$first", expectedVersion + 1);
                outbox.Parameters.AddWithValue("$last", lastVersion);
                outbox.Parameters.AddWithValue("$now", context.NowUnixMs);
                outbox.ExecuteNonQuery();
            }
        }

        if (snapshot is not null)
        {
            var write = context.Command(SqliteSql.WriteSnapshot);
            SqliteValues.AddGrainId(write, grainId);
            write.Parameters.AddWithValue("$version", snapshot.Version);
            write.Parameters.Add("$payload", SqliteType.Blob).Value = snapshot.Payload;
            write.Parameters.AddWithValue("$now", context.NowUnixMs);
            write.ExecuteNonQuery();
        }
    }

    private InconsistentStateException Conflict(GrainId grainId, long expectedVersion, long storedVersion)
    {
        SqliteStoreLog.JournalConflict(_logger, grainId, expectedVersion, storedVersion);
        return new InconsistentStateException(
            $"The journal of {grainId} ends at version {storedVersion}, not at version {expectedVersion} where the append starts.",
            RowVersionETag.Format(storedVersion),
            RowVersionETag.Format(expectedVersion));
    }

    private static long ReadLastVersion(WriteContext context, GrainId grainId)
    {
        var last = context.Command(SqliteSql.ReadJournalLastVersion);
        SqliteValues.AddGrainId(last, grainId);
        return last.ExecuteScalar() is long version ? version : 0;
    }

    private static async Task<List<JournalEntry>> ReadEntriesAsync(SqliteConnection connection, GrainId grainId, long afterVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadJournal;
        SqliteValues.AddGrainId(command, grainId);
        command.Parameters.AddWithValue("$after", afterVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            JournalSegment.Unpack(reader.GetFieldValue<byte[]>(1), reader.GetInt64(0), afterVersion, SqliteValues.FromUnixMs(reader.GetInt64(2)), entries);
        }

        return entries;
    }
}
