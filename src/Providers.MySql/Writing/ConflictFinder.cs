using MySql.Data.MySqlClient;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Works out which change of a commit conflicted, once the group commit has rolled the commit back to
/// its savepoint, so that the exception names it and carries the stored ETag. Row counts only say that
/// something did not match; conflicts are rare, so finding out what costs a few reads only then.
/// </summary>
internal static class ConflictFinder
{
    /// <summary>
    /// Replays <paramref name="commit"/> against the rows as the transaction sees them now (including
    /// earlier commits of the batch), in the commit's own order, and describes its first conflict.
    /// </summary>
    public static InconsistentStateException Find(MySqlConnection connection, GrainCommit commit)
    {
        // Versions this commit itself would have written, so that a commit touching one row twice is
        // judged as if its changes ran one after the other.
        var written = new Dictionary<(string Type, string Key, string Name), long>();
        foreach (var change in commit.States)
        {
            var rowKey = (change.GrainId.Type, change.GrainId.Key, change.StateName);
            long? stored = written.TryGetValue(rowKey, out var version) ? version : ReadStateVersion(connection, change);
            var storedETag = stored is long value ? RowVersionETag.Format(value) : null;
            if (change.ExpectedETag is null)
            {
                if (stored is not null)
                {
                    return new InconsistentStateException(
                        $"State '{change.StateName}' of grain {change.GrainId} already exists (ETag {storedETag}) but the writer expected none.",
                        storedETag,
                        null);
                }

                written[rowKey] = 1;
                continue;
            }

            if (!RowVersionETag.TryParse(change.ExpectedETag, out var expected) || stored != expected)
            {
                return new InconsistentStateException(
                    stored is null
                        ? $"State '{change.StateName}' of grain {change.GrainId} does not exist but the writer presented ETag {change.ExpectedETag}."
                        : $"State '{change.StateName}' of grain {change.GrainId} has ETag {storedETag} but the writer presented ETag {change.ExpectedETag}.",
                    storedETag,
                    change.ExpectedETag);
            }

            written[rowKey] = expected + 1;
        }

        // Last versions this commit itself would have appended, for a commit appending to one journal twice.
        var appended = new Dictionary<(string Type, string Key), long>();
        foreach (var append in commit.Journal)
        {
            if (append.Entries.Count == 0)
            {
                continue;
            }

            var journal = (append.GrainId.Type, append.GrainId.Key);
            long? last = appended.TryGetValue(journal, out var mine) ? mine : ReadJournalLastVersion(connection, append.GrainId);
            if ((last ?? 0) != append.FirstVersion - 1)
            {
                return append.ConflictWith(last ?? 0);
            }

            appended[journal] = append.FirstVersion + append.Entries.Count - 1;
        }

        // Not reachable while row counts and this replay agree; still a conflict, as the counts said.
        return new InconsistentStateException("The commit conflicted with a concurrent write and was not applied.");
    }

    private static long? ReadStateVersion(MySqlConnection connection, StateChange change)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CommitSql.ReadStateVersion;
        command.Parameters.AddWithValue("@type", change.GrainId.Type);
        command.Parameters.AddWithValue("@key", change.GrainId.Key);
        command.Parameters.AddWithValue("@name", change.StateName);
        return command.ExecuteScalar() is long version ? version : null;
    }

    private static long? ReadJournalLastVersion(MySqlConnection connection, GrainId grainId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CommitSql.ReadJournalLastVersion;
        command.Parameters.AddWithValue("@type", grainId.Type);
        command.Parameters.AddWithValue("@key", grainId.Key);
        return command.ExecuteScalar() is long version ? version : null;
    }
}
