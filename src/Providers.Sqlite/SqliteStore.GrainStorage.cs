using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(stateName);

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadState;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        return new StoredState(SqliteValues.FormatETag(reader.GetInt64(0)), payload);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadJournal;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$after", afterVersion);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            JournalSegment.Unpack(reader.GetFieldValue<byte[]>(1), reader.GetInt64(0), afterVersion, SqliteValues.FromUnixMs(reader.GetInt64(2)), entries);
        }

        return entries;
    }

    public async Task<IReadOnlyList<string>> ListJournaledKeysAsync(string grainType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainType);

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ListJournaledKeys;
        command.Parameters.AddWithValue("$type", grainType);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<CommitResult> CommitAsync(GrainCommit commit, CancellationToken cancellationToken = default)
    {
        ValidateCommit(commit);
        if (commit.IsEmpty)
        {
            return new CommitResult([]);
        }

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(context => CommitWriter.Execute(context, commit), cancellationToken).ConfigureAwait(false);
    }

    // Malformed input is rejected here, before it is queued, so the writer only ever fails an operation
    // for a conflict or a database error.
    private static void ValidateCommit(GrainCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.States, nameof(commit));
        ArgumentNullException.ThrowIfNull(commit.Journal, nameof(commit));
        ArgumentNullException.ThrowIfNull(commit.Events, nameof(commit));

        foreach (var state in commit.States)
        {
            if (state is null)
            {
                throw new ArgumentException("A commit holds a null state change.", nameof(commit));
            }

            ValidateGrainId(state.GrainId, nameof(commit));
            if (state.StateName is null || state.StateType is null)
            {
                throw new ArgumentException($"A state change of grain {state.GrainId} has no state name or state type.", nameof(commit));
            }
        }

        foreach (var append in commit.Journal)
        {
            if (append is null)
            {
                throw new ArgumentException("A commit holds a null journal append.", nameof(commit));
            }

            ValidateGrainId(append.GrainId, nameof(commit));
            if (append.FirstVersion < 1)
            {
                throw new ArgumentException($"Journal versions start at 1; grain {append.GrainId} appends from {append.FirstVersion}.", nameof(commit));
            }

            if (append.Entries is null || append.Entries.Any(entry => entry is null))
            {
                throw new ArgumentException($"A journal append of grain {append.GrainId} holds a null entry.", nameof(commit));
            }

            foreach (var entry in append.Entries)
            {
                JournalSegment.Validate(entry, append.GrainId, nameof(commit));
            }
        }

        foreach (var streamEvent in commit.Events)
        {
            ValidateEvent(streamEvent, nameof(commit));
        }
    }

    private static void ValidateEvent(StreamEvent? streamEvent, string parameterName)
    {
        if (streamEvent is null
            || streamEvent.StreamNamespace is null
            || streamEvent.StreamKey is null
            || streamEvent.EventType is null
            || streamEvent.Payload is null)
        {
            throw new ArgumentException("A stream event is null or lacks its namespace, key, type or payload.", parameterName);
        }
    }
}
