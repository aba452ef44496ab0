using System.Data;
using System.Text;
using MySql.Data.MySqlClient;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// One writer connection and the group-commit transaction it runs: many grains' commits in one
/// InnoDB transaction, each behind its own savepoint, so that a batch pays for one redo-log flush
/// (<c>innodb_flush_log_at_trx_commit=1</c>) and one conflicting commit rolls back only itself.
/// </summary>
/// <remarks>
/// A transaction runs in two phases. First the state and journal rows of every commit, in batch order:
/// statements of many commits share a command (a round trip), and a <c>SELECT ROW_COUNT()</c> after
/// each tells whether its ETag or journal versions matched; on a mismatch the transaction rolls back to
/// that commit's savepoint and carries on with the next. Then the events of the commits that went
/// through: each queue's row in <c>stream_queues</c> is bumped once (in queue order, so two writers never
/// wait on each other's queues crosswise) and its lock held until COMMIT, which is what makes sequence
/// order equal commit order.
/// </remarks>
internal sealed class WriterSession : IDisposable
{
    // utf8mb4 results: see MySqlSql.CharacterSetResults. READ COMMITTED: no gap locks on the ranges
    // committers append to, so fewer lock waits and deadlocks; every write here is a keyed current read
    // anyway. Strict mode so that a value that does not fit fails instead of being truncated (the store
    // checks lengths first; this is the backstop). autocommit off: the first statement of a batch opens
    // its transaction, which saves a round trip per batch over START TRANSACTION.
    private const string SessionSetup = MySqlSql.CharacterSetResults + ";\n" + """
        SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
        SET SESSION autocommit = 0;
        SET SESSION sql_mode = IF(@@SESSION.sql_mode = '', 'STRICT_ALL_TABLES', CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))
        """;

    private readonly string _connectionString;
    private MySqlConnection? _connection;
    private long _lastUsed;

    public WriterSession(string connectionString)
    {
        _connectionString = connectionString;
    }

    /// <summary>
    /// Whether the current attempt got as far as sending COMMIT. After that, a failure (a lost
    /// connection, say) leaves it unknown whether the transaction committed, so it must not be run again.
    /// </summary>
    public bool CommitSent { get; private set; }

    public void Open()
    {
        if (_connection is { State: ConnectionState.Open }
            && (Environment.TickCount64 - _lastUsed <= (long)ConnectionHealth.IdleCheck.TotalMilliseconds || ConnectionHealth.IsUsable(_connection)))
        {
            return;
        }

        Close();
        var connection = new MySqlConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, SessionSetup);
            _connection = connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="batch"/> in one transaction and commits it, leaving each commit's
    /// <see cref="PendingCommit.Result"/> or <see cref="PendingCommit.Conflict"/> set. Throws on anything
    /// but a conflict; the caller then rolls back (<see cref="Rollback"/>) or drops the connection.
    /// </summary>
    public void Run(IReadOnlyList<PendingCommit> batch, DateTime now)
    {
        CommitSent = false;
        _lastUsed = Environment.TickCount64;
        var connection = _connection ?? throw new InvalidOperationException("The writer connection is not open.");
        ApplyRows(connection, batch, now);
        AppendEvents(connection, batch, now);
        CommitSent = true;
        Execute(connection, "COMMIT");
    }

    /// <summary>Ends a failed transaction; a connection that cannot even do that is dropped and reopened later.</summary>
    public void Rollback()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            Execute(_connection, "ROLLBACK");
        }
        catch (Exception exception) when (exception is MySqlException or InvalidOperationException or IOException)
        {
            Close();
        }
    }

    /// <summary>Whether the connection is still there; a dead one is dropped.</summary>
    public bool IsHealthy()
    {
        if (_connection is not null && ConnectionHealth.IsUsable(_connection))
        {
            return true;
        }

        Close();
        return false;
    }

    /// <summary>Drops the connection; the server rolls back whatever it had open.</summary>
    public void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Close();

    private static void ApplyRows(MySqlConnection connection, IReadOnlyList<PendingCommit> batch, DateTime now)
    {
        var next = 0;
        while (next < batch.Count)
        {
            var commit = batch[next].Commit;
            if (!HasRows(commit))
            {
                batch[next++].Succeeded(ResultOf(commit));
                continue;
            }

            if (HasUnissuedETag(commit))
            {
                // Nothing to run: an ETag the store never issued cannot match.
                batch[next].Conflicted(ConflictFinder.Find(connection, commit));
                next++;
                continue;
            }

            // Plan every following commit up to one with an unissued ETag, run them, and on a mismatch
            // roll back to the savepoint of the first commit that failed and go on after it.
            var commands = new List<SqlBuilder> { new() };
            var end = next;
            for (; end < batch.Count && !HasUnissuedETag(batch[end].Commit); end++)
            {
                if (HasRows(batch[end].Commit))
                {
                    AddRowStatements(commands, end, batch[end].Commit, now);
                }
            }

            var failed = Execute(connection, commands);
            var succeededUpTo = failed ?? end;
            for (var i = next; i < succeededUpTo; i++)
            {
                batch[i].Succeeded(ResultOf(batch[i].Commit));
            }

            if (failed is int conflicted)
            {
                Execute(connection, SavepointRollback(conflicted));
                batch[conflicted].Conflicted(ConflictFinder.Find(connection, batch[conflicted].Commit));
                next = conflicted + 1;
            }
            else
            {
                next = end;
            }
        }
    }

    private static void AddRowStatements(List<SqlBuilder> commands, int index, GrainCommit commit, DateTime now)
    {
        commands[^1].Statement(Savepoint(index));

        // Row locks are taken in key order within a commit so that two writers' commits touching the same
        // rows cannot wait on each other crosswise.
        foreach (var change in commit.States.OrderBy(change => change, StateOrder.Instance))
        {
            var check = new RowCheck(index, 1);
            object?[] values;
            string template;
            if (change.ExpectedETag is null)
            {
                template = CommitSql.InsertState;
                values = [change.GrainId.Type, change.GrainId.Key, change.StateName, change.StateType, change.Payload, now];
            }
            else
            {
                RowVersionETag.TryParse(change.ExpectedETag, out var expected);
                template = CommitSql.UpdateState;
                values = [change.StateType, change.Payload, now, change.GrainId.Type, change.GrainId.Key, change.StateName, expected];
            }

            var current = commands[^1];
            if (!current.Fits(Size(template, values)))
            {
                current = new SqlBuilder();
                commands.Add(current);
            }

            current.StatementWithRowCount(check, template, values);
        }

        foreach (var append in commit.Journal.OrderBy(append => append.GrainId.Type, StringComparer.Ordinal).ThenBy(append => append.GrainId.Key, StringComparer.Ordinal))
        {
            AppendJournal(commands, append, now, index);
        }
    }

    // One row per commit's append (see JournalSegment); an append too large for one command is cut into
    // consecutive rows, each starting where the previous one ends.
    private static void AppendJournal(List<SqlBuilder> commands, JournalAppend append, DateTime now, int commit)
    {
        var next = 0;
        while (next < append.Entries.Count)
        {
            var first = next;
            long size = JournalSegment.PackedSize(append.Entries[next++]);
            while (next < append.Entries.Count && size + JournalSegment.PackedSize(append.Entries[next]) < SqlBuilder.Budget / 2)
            {
                size += JournalSegment.PackedSize(append.Entries[next++]);
            }

            object?[] values =
            [
                append.GrainId.Type, append.GrainId.Key, append.FirstVersion + first, append.FirstVersion + next - 1,
                JournalSegment.Pack(append.Entries, first, next - first), now,
            ];
            var current = commands[^1];
            if (!current.Fits(Size(CommitSql.InsertJournal, values)))
            {
                current = new SqlBuilder();
                commands.Add(current);
            }

            current.StatementWithRowCount(new RowCheck(commit, 1), CommitSql.InsertJournal, values);
        }
    }

    /// <summary>Runs the commands in order; returns the index of the first commit whose row counts fell short.</summary>
    private static int? Execute(MySqlConnection connection, List<SqlBuilder> commands)
    {
        foreach (var builder in commands)
        {
            if (builder.IsEmpty)
            {
                continue;
            }

            int? failed = null;
            using (var command = builder.Build(connection))
            using (var reader = command.ExecuteReader())
            {
                for (var i = 0; i < builder.Checks.Count; i++)
                {
                    if ((i > 0 && !reader.NextResult()) || !reader.Read())
                    {
                        throw new InvalidOperationException("A group-commit command returned fewer row counts than it has statements.");
                    }

                    var check = builder.Checks[i];
                    if (failed is null && reader.GetInt64(0) != check.ExpectedRows)
                    {
                        failed = check.Commit;
                    }
                }
            }

            // Commands after the failing commit are not needed: its savepoint rollback undoes them anyway.
            if (failed is not null)
            {
                return failed;
            }
        }

        return null;
    }

    private static void AppendEvents(MySqlConnection connection, IReadOnlyList<PendingCommit> batch, DateTime now)
    {
        var counts = new SortedDictionary<int, long>();
        foreach (var pending in batch)
        {
            if (pending.Result is null)
            {
                continue;
            }

            foreach (var streamEvent in pending.Commit.Events)
            {
                counts[streamEvent.Queue] = counts.GetValueOrDefault(streamEvent.Queue) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return;
        }

        var reserve = new SqlBuilder().Append(CommitSql.ReserveSequences);
        var first = true;
        foreach (var (queue, count) in counts)
        {
            reserve.Append(first ? CommitSql.ReserveRow : ", " + CommitSql.ReserveRow, queue, count);
            first = false;
        }

        reserve.EndStatement(CommitSql.ReserveSequencesEnd).Append(CommitSql.ReadLastSequences);
        first = true;
        foreach (var queue in counts.Keys)
        {
            reserve.Append(first ? "{0}" : ", {0}", queue);
            first = false;
        }

        reserve.EndStatement(")");
        var nextSequence = new Dictionary<int, long>(counts.Count);
        using (var command = reserve.Build(connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var queue = reader.GetInt32(0);
                nextSequence[queue] = reader.GetInt64(1) - counts[queue] + 1;
            }
        }

        if (nextSequence.Count != counts.Count)
        {
            throw new InvalidOperationException("Reserving stream sequences did not return every queue.");
        }

        var rows = new List<object?[]>();
        foreach (var pending in batch)
        {
            if (pending.Result is null)
            {
                continue;
            }

            foreach (var streamEvent in pending.Commit.Events)
            {
                var sequence = nextSequence[streamEvent.Queue]++;
                rows.Add([
                    streamEvent.Queue,
                    sequence,
                    MySqlValues.FormatEventId(streamEvent.EventId),
                    streamEvent.StreamNamespace,
                    streamEvent.StreamKey,
                    streamEvent.EventType,
                    streamEvent.Payload,
                    MySqlValues.ToColumn(streamEvent.CreatedAt),
                ]);
            }
        }

        var commands = new List<SqlBuilder> { new() };
        AppendRows(commands, CommitSql.InsertEvents, CommitSql.EventRow, "", rows, commit: null);
        foreach (var builder in commands)
        {
            using var command = builder.Build(connection);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Adds rows as multi-row INSERTs, as many per statement as fit in a command and starting a new
    /// command when one is full; with <paramref name="commit"/>, each statement's row count is checked.
    /// </summary>
    private static void AppendRows(List<SqlBuilder> commands, string head, string row, string tail, List<object?[]> rows, int? commit)
    {
        var next = 0;
        while (next < rows.Count)
        {
            var current = commands[^1];
            if (!current.Fits(head.Length + Size(row, rows[next]) + tail.Length))
            {
                current = new SqlBuilder();
                commands.Add(current);
            }

            current.Append(head);
            var count = 0;
            while (next < rows.Count && (count == 0 || current.Fits(Size(row, rows[next]) + tail.Length)))
            {
                current.Append(count == 0 ? row : ", " + row, rows[next]);
                next++;
                count++;
            }

            if (commit is int index)
            {
                current.EndStatementWithRowCount(new RowCheck(index, count), tail);
            }
            else
            {
                current.EndStatement(tail);
            }
        }
    }

    private static long Size(string template, object?[] values)
    {
        long size = template.Length;
        foreach (var value in values)
        {
            size += SqlBuilder.EstimateSize(value);
        }

        return size;
    }

    private static bool HasRows(GrainCommit commit) => commit.States.Count > 0 || commit.Journal.Any(append => append.Entries.Count > 0);

    private static bool HasUnissuedETag(GrainCommit commit)
        => commit.States.Any(change => change.ExpectedETag is not null && !RowVersionETag.TryParse(change.ExpectedETag, out _));

    /// <summary>The new ETags, in the order of the state changes: an insert creates version 1, an update adds one.</summary>
    private static CommitResult ResultOf(GrainCommit commit)
    {
        var eTags = new string[commit.States.Count];
        for (var i = 0; i < eTags.Length; i++)
        {
            var expected = commit.States[i].ExpectedETag;
            eTags[i] = expected is null ? RowVersionETag.Format(1) : RowVersionETag.Format(ParseIssued(expected) + 1);
        }

        return new CommitResult(eTags);
    }

    private static long ParseIssued(string eTag)
        => RowVersionETag.TryParse(eTag, out var version) ? version : throw new InvalidOperationException($"ETag '{eTag}' was not issued by this store.");

    private static string Savepoint(int index) => "SAVEPOINT c" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string SavepointRollback(int index) => "ROLLBACK TO SAVEPOINT c" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Execute(MySqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
