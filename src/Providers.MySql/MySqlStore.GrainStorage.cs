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
                return new StoredState(RowVersionETag.Format(reader.GetInt64(0)), payload);
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

    // Malformed input is rejected before it is queued (see GrainCommitValidation); here also what would
    // not fit this store's columns.
    private static void ValidateCommit(GrainCommit commit)
    {
        GrainCommitValidation.Validate(commit);
        foreach (var state in commit.States)
        {
            CheckLengths(state.GrainId, nameof(commit));
            MySqlValues.CheckLength(state.StateName, MySqlLimits.StateName, "state name", nameof(commit));
            MySqlValues.CheckLength(state.StateType, MySqlLimits.StateType, "state type", nameof(commit));
        }

        foreach (var append in commit.Journal)
        {
            CheckLengths(append.GrainId, nameof(commit));
        }

        foreach (var streamEvent in commit.Events)
        {
            CheckLengths(streamEvent, nameof(commit));
        }
    }

    private static void ValidateEvent(StreamEvent? streamEvent, string parameterName)
    {
        GrainCommitValidation.ValidateEvent(streamEvent, parameterName);
        CheckLengths(streamEvent!, parameterName);
    }

    private static void CheckLengths(StreamEvent streamEvent, string parameterName)
    {
        MySqlValues.CheckLength(streamEvent.StreamNamespace, MySqlLimits.StreamNamespace, "stream namespace", parameterName);
        MySqlValues.CheckLength(streamEvent.StreamKey, MySqlLimits.StreamKey, "stream key", parameterName);
        MySqlValues.CheckLength(streamEvent.EventType, MySqlLimits.EventType, "event type", parameterName);
    }
}
