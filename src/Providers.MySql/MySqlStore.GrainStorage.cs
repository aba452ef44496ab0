using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql;

public sealed partial class MySqlStore
{
    public async Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(stateName);
        MySqlValues.CheckLength(stateName, MySqlLimits.StateName, "state name", nameof(stateName));

        return await RunReadAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadState);
                command.Parameters.AddWithValue("@type", grainId.Type);
                command.Parameters.AddWithValue("@key", grainId.Key);
                command.Parameters.AddWithValue("@name", stateName);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                var payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
                return new StoredState(MySqlValues.FormatETag(reader.GetInt64(0)), payload);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);

        return await RunReadAsync<IReadOnlyList<JournalEntry>>(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadJournal);
                command.Parameters.AddWithValue("@type", grainId.Type);
                command.Parameters.AddWithValue("@key", grainId.Key);
                command.Parameters.AddWithValue("@after", afterVersion);
                using var reader = command.ExecuteReader();
                var entries = new List<JournalEntry>();
                while (reader.Read())
                {
                    JournalSegment.Unpack((byte[])reader.GetValue(1), reader.GetInt64(0), afterVersion, MySqlValues.FromColumn(reader.GetDateTime(2)), entries);
                }

                return entries;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListJournaledKeysAsync(string grainType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        MySqlValues.CheckLength(grainType, MySqlLimits.GrainType, "grain type", nameof(grainType));

        return await RunReadAsync<IReadOnlyList<string>>(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ListJournaledKeys);
                command.Parameters.AddWithValue("@type", grainType);
                using var reader = command.ExecuteReader();
                var keys = new List<string>();
                while (reader.Read())
                {
                    keys.Add(reader.GetString(0));
                }

                return keys;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<CommitResult> CommitAsync(GrainCommit commit, CancellationToken cancellationToken = default)
    {
        ValidateCommit(commit);
        if (commit.IsEmpty)
        {
            return new CommitResult([]);
        }

        var open = await GetOpenAsync(cancellationToken).ConfigureAwait(false);
        return await open.Writer.EnqueueAsync(commit, cancellationToken).ConfigureAwait(false);
    }

    // Malformed input is rejected here, before it is queued, so that a group commit only ever fails a
    // commit for a conflict or a database error, never another caller's bad data.
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

            MySqlValues.CheckLength(state.StateName, MySqlLimits.StateName, "state name", nameof(commit));
            MySqlValues.CheckLength(state.StateType, MySqlLimits.StateType, "state type", nameof(commit));
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

        MySqlValues.CheckLength(streamEvent.StreamNamespace, MySqlLimits.StreamNamespace, "stream namespace", parameterName);
        MySqlValues.CheckLength(streamEvent.StreamKey, MySqlLimits.StreamKey, "stream key", parameterName);
        MySqlValues.CheckLength(streamEvent.EventType, MySqlLimits.EventType, "event type", parameterName);
    }
}
