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
        return new StoredState(RowVersionETag.Format(reader.GetInt64(0)), payload);
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
        GrainCommitValidation.Validate(commit);
        if (commit.IsEmpty)
        {
            return new CommitResult([]);
        }

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(context => CommitWriter.Execute(context, commit), cancellationToken).ConfigureAwait(false);
    }
}
