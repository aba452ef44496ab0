using Microsoft.Data.Sqlite;
using Shop.Runtime;
using Shop.Runtime.Storage;
using Shop.Providers.Sqlite.Writing;

namespace Shop.Providers.Sqlite;

/// <summary>Applies one <see cref="GrainCommit"/> on the writer connection, inside the savepoint the writer opened for it.</summary>
internal static class CommitWriter
{
    public static CommitResult Execute(WriteContext context, GrainCommit commit)
    {
        var eTags = new string[commit.States.Count];
        for (var i = 0; i < eTags.Length; i++)
        {
            eTags[i] = WriteState(context, commit.States[i]);
        }

        foreach (var append in commit.Journal)
        {
            AppendJournal(context, append);
        }

        AppendEvents(context, commit.Events);
        return new CommitResult(eTags);
    }

    private static string WriteState(WriteContext context, StateChange change)
    {
        if (change.ExpectedETag is null)
        {
            var insert = context.Command(SqliteSql.InsertState);
            AddStateKey(insert, change);
            insert.Parameters.AddWithValue("$stateType", change.StateType);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = SqliteValues.Blob(change.Payload);
            insert.Parameters.AddWithValue("$now", context.NowUnixMs);
            if (insert.ExecuteNonQuery() == 1)
            {
                return RowVersionETag.Format(1);
            }

            var existing = ReadStoredETag(context, change);
            throw new InconsistentStateException(
                $"State '{change.StateName}' of grain {change.GrainId} already exists (ETag {existing}) but the writer expected none.",
                existing,
                null);
        }

        if (RowVersionETag.TryParse(change.ExpectedETag, out var expected))
        {
            var update = context.Command(SqliteSql.UpdateState);
            AddStateKey(update, change);
            update.Parameters.AddWithValue("$stateType", change.StateType);
            update.Parameters.Add("$payload", SqliteType.Blob).Value = SqliteValues.Blob(change.Payload);
            update.Parameters.AddWithValue("$now", context.NowUnixMs);
            update.Parameters.AddWithValue("$expected", expected);
            if (update.ExecuteNonQuery() == 1)
            {
                return RowVersionETag.Format(expected + 1);
            }
        }

        var stored = ReadStoredETag(context, change);
        throw new InconsistentStateException(
            stored is null
                ? $"State '{change.StateName}' of grain {change.GrainId} does not exist but the writer presented ETag {change.ExpectedETag}."
                : $"State '{change.StateName}' of grain {change.GrainId} has ETag {stored} but the writer presented ETag {change.ExpectedETag}.",
            stored,
            change.ExpectedETag);
    }

    // One row per append (see JournalSegment).
    private static void AppendJournal(WriteContext context, JournalAppend append)
    {
        if (append.Entries.Count == 0)
        {
            return;
        }

        var insert = context.Command(SqliteSql.InsertJournal);
        insert.Parameters.AddWithValue("$type", append.GrainId.Type);
        insert.Parameters.AddWithValue("$key", append.GrainId.Key);
        insert.Parameters.AddWithValue("$version", append.FirstVersion);
        insert.Parameters.AddWithValue("$lastVersion", append.FirstVersion + append.Entries.Count - 1);
        insert.Parameters.Add("$payload", SqliteType.Blob).Value = JournalSegment.Pack(append.Entries, 0, append.Entries.Count);
        insert.Parameters.AddWithValue("$now", context.NowUnixMs);
        if (insert.ExecuteNonQuery() == 1)
        {
            return;
        }

        var last = context.Command(SqliteSql.ReadJournalLastVersion);
        last.Parameters.AddWithValue("$type", append.GrainId.Type);
        last.Parameters.AddWithValue("$key", append.GrainId.Key);
        throw append.ConflictWith(last.ExecuteScalar() is long version ? version : 0);
    }

    private static void AppendEvents(WriteContext context, IReadOnlyList<StreamEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        // One reservation per queue instead of one per event. The counter lives in stream_queues and
        // is rolled back with the savepoint, so a failed commit leaves no gap and no sequence is reused.
        var counts = new Dictionary<int, int>();
        foreach (var streamEvent in events)
        {
            counts[streamEvent.Queue] = counts.GetValueOrDefault(streamEvent.Queue) + 1;
        }

        var next = new Dictionary<int, long>(counts.Count);
        foreach (var (queue, count) in counts)
        {
            var reserve = context.Command(SqliteSql.ReserveSequences);
            reserve.Parameters.AddWithValue("$queue", queue);
            reserve.Parameters.AddWithValue("$count", count);
            var last = (long)reserve.ExecuteScalar()!;
            next[queue] = last - count + 1;
        }

        foreach (var streamEvent in events)
        {
            var sequence = next[streamEvent.Queue]++;
            var insert = context.Command(SqliteSql.InsertEvent);
            insert.Parameters.AddWithValue("$queue", streamEvent.Queue);
            insert.Parameters.AddWithValue("$sequence", sequence);
            insert.Parameters.AddWithValue("$eventId", SqliteValues.FormatEventId(streamEvent.EventId));
            insert.Parameters.AddWithValue("$namespace", streamEvent.StreamNamespace);
            insert.Parameters.AddWithValue("$streamKey", streamEvent.StreamKey);
            insert.Parameters.AddWithValue("$eventType", streamEvent.EventType);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = streamEvent.Payload;
            insert.Parameters.AddWithValue("$createdAt", SqliteValues.ToUnixMs(streamEvent.CreatedAt));
            insert.ExecuteNonQuery();
        }
    }

    private static string? ReadStoredETag(WriteContext context, StateChange change)
    {
        var read = context.Command(SqliteSql.ReadStateVersion);
        AddStateKey(read, change);
        return read.ExecuteScalar() is long version ? RowVersionETag.Format(version) : null;
    }

    private static void AddStateKey(SqliteCommand command, StateChange change)
    {
        command.Parameters.AddWithValue("$type", change.GrainId.Type);
        command.Parameters.AddWithValue("$key", change.GrainId.Key);
        command.Parameters.AddWithValue("$name", change.StateName);
    }
}
