using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Providers.MySql.Writing;

namespace Shop.Providers.MySql;

/// <summary>
/// The <see cref="IJournalStorage"/> of journaled grains on MariaDB: <c>grain_journal</c> (one row per
/// append, its entries as a JSON array) and <c>grain_journal_snapshots</c> (the newest snapshot per grain),
/// in a <see cref="MySqlStore"/>.
/// </summary>
/// <remarks>
/// An append and its snapshot are one group-committed write: both or neither, durable when the task
/// completes. An append that does not start right after the stored last version stores nothing and throws
/// <see cref="InconsistentStateException"/>, which is how a stale activation is refused.
/// </remarks>
public sealed class MySqlJournalStorage : IJournalStorage
{
    private readonly MySqlStore _store;
    private readonly ILogger _logger;

    public MySqlJournalStorage(MySqlStore store, ILogger<MySqlJournalStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = logger ?? NullLogger<MySqlJournalStorage>.Instance;
    }

    public async Task<JournalRead> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var (type, key) = GrainKeys.Of(grainId);
        return await _store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadSnapshotAndJournal;
                command.Parameters.AddWithValue("@type", type);
                command.Parameters.AddWithValue("@key", key);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                JournalSnapshot? snapshot = null;
                var rows = new List<(long Version, byte[] Payload, DateTime RecordedAt)>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    if (reader.GetInt32(0) == 0)
                    {
                        snapshot = new JournalSnapshot(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
                    }
                    else
                    {
                        rows.Add((reader.GetInt64(1), reader.GetFieldValue<byte[]>(2), reader.GetDateTime(3)));
                    }
                }

                rows.Sort((a, b) => a.Version.CompareTo(b.Version));
                var entries = new List<JournalEntry>();
                foreach (var row in rows)
                {
                    JournalPacking.Unpack(row.Payload, row.Version, snapshot?.Version ?? 0, MySqlValues.FromColumn(row.RecordedAt), entries);
                }

                return new JournalRead(snapshot, entries);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default)
    {
        var (type, key) = GrainKeys.Of(grainId);
        return await ReadEntriesAsync(type, key, Math.Max(0, afterVersion), cancellationToken).ConfigureAwait(false);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, CancellationToken cancellationToken = default)
        => AppendAsync(grainId, expectedVersion, entries, snapshot, toOutbox: false, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, bool toOutbox, CancellationToken cancellationToken = default)
    {
        var (type, key) = GrainKeys.Of(grainId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (snapshot is not null && (snapshot.Version < 1 || snapshot.Version > expectedVersion + entries.Count))
        {
            throw new ArgumentException(
                $"The snapshot is of version {snapshot.Version}, but the append ends at version {expectedVersion + entries.Count}.", nameof(snapshot));
        }

        if (entries.Count == 0)
        {
            // Nothing to store; still the caller learns whether its version is current.
            var last = await ReadLastVersionAsync(type, key, cancellationToken).ConfigureAwait(false);
            if (last != expectedVersion)
            {
                throw Conflict(grainId, expectedVersion, new InconsistentStateException(
                    $"The journal of grain {grainId} ends at version {last}, not at {expectedVersion}.",
                    last.ToString(CultureInfo.InvariantCulture),
                    expectedVersion.ToString(CultureInfo.InvariantCulture)));
            }

            return;
        }

        var write = new JournalWrite(type, key, expectedVersion, entries.Count, JournalPacking.Pack(entries), snapshot?.Version, snapshot?.Payload, toOutbox);
        try
        {
            await _store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException conflict)
        {
            throw Conflict(grainId, expectedVersion, conflict);
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(GrainType grainType, CancellationToken cancellationToken = default)
    {
        var type = grainType.ToString()!;
        MySqlValues.CheckLength(type, MySqlLimits.GrainType, "grain type", nameof(grainType));
        return await _store.ReadAsync<IReadOnlyList<string>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ListJournaledKeys;
                command.Parameters.AddWithValue("@type", type);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var keys = new List<string>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    keys.Add(reader.GetString(0));
                }

                return keys;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> ReadFirstUnpublishedVersionAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var (type, key) = GrainKeys.Of(grainId);
        return await _store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadFirstUnpublished;
                command.Parameters.AddWithValue("@type", type);
                command.Parameters.AddWithValue("@key", key);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is long first ? first : (long?)null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkPublishedAsync(GrainId grainId, long upToVersion, CancellationToken cancellationToken = default)
    {
        var (type, key) = GrainKeys.Of(grainId);
        // Group-committed like the appends: a mark costs no transaction of its own. Deleting published rows again
        // is harmless, and a mark lost with a failed batch only publishes those appends again.
        await _store.WriteAsync(new PublishedMark(type, key, upToVersion), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GrainId>> ListUnpublishedAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await _store.ReadAsync<IReadOnlyList<GrainId>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ListUnpublished;
                command.Parameters.AddWithValue("@before", MySqlValues.ToColumn(appendedBefore));
                command.Parameters.AddWithValue("@limit", limit);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var grains = new List<GrainId>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    grains.Add(GrainId.Create(reader.GetString(0), reader.GetString(1)));
                }

                return grains;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(string type, string key, long afterVersion, CancellationToken cancellationToken)
        => _store.ReadAsync<IReadOnlyList<JournalEntry>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadJournal;
                command.Parameters.AddWithValue("@type", type);
                command.Parameters.AddWithValue("@key", key);
                command.Parameters.AddWithValue("@after", afterVersion);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var entries = new List<JournalEntry>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    JournalPacking.Unpack(
                        reader.GetFieldValue<byte[]>(1),
                        reader.GetInt64(0),
                        afterVersion,
                        MySqlValues.FromColumn(reader.GetDateTime(2)),
                        entries);
                }

                return entries;
            },
            cancellationToken);

    private Task<long> ReadLastVersionAsync(string type, string key, CancellationToken cancellationToken)
        => _store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadJournalLastVersion;
                command.Parameters.AddWithValue("@type", type);
                command.Parameters.AddWithValue("@key", key);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is long last ? last : 0;
            },
            cancellationToken);

    private InconsistentStateException Conflict(GrainId grainId, long expectedVersion, InconsistentStateException conflict)
    {
        MySqlStoreLog.JournalConflict(_logger, grainId, expectedVersion, conflict.Message);
        return conflict;
    }
}
