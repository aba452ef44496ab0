using System.Data;
using MySqlConnector;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// One writer connection and the group-commit transaction it runs: many grains' writes in one InnoDB
/// transaction, so that a batch pays for one redo-log flush (<c>innodb_flush_log_at_trx_commit=1</c>)
/// instead of one per write.
/// </summary>
/// <remarks>
/// The state writes of a batch first go as grouped statements (<see cref="GroupedStateSql"/>); when their
/// row counts show that every write matched, that is all. Otherwise, and for journal appends always, the
/// statements of many writes share a command (a round trip) and a <c>SELECT ROW_COUNT()</c> after each
/// write tells whether its ETag or journal version matched. A write that does not match changes nothing,
/// so it is simply reported as a conflict once the others have committed: no savepoints are needed.
/// </remarks>
internal sealed class WriterSession(string connectionString) : IAsyncDisposable
{
    // READ COMMITTED: no gap locks on the ranges writers append to, so fewer lock waits and deadlocks;
    // every write here is a keyed current read anyway. Strict mode so that a value that does not fit
    // fails instead of being truncated (the store checks lengths first; this is the backstop).
    // autocommit off: the first statement of a batch opens its transaction, which saves the round trip
    // of START TRANSACTION per batch.
    private const string SessionSetup = """
        SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
        SET SESSION autocommit = 0;
        SET SESSION sql_mode = IF(@@SESSION.sql_mode = '', 'STRICT_ALL_TABLES', CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))
        """;

    private MySqlConnection? _connection;
    private long _lastUsed;

    /// <summary>
    /// Whether the current attempt got as far as sending COMMIT. After that, a failure (a lost
    /// connection, say) leaves it unknown whether the transaction committed, so it must not be run again.
    /// </summary>
    public bool CommitSent { get; private set; }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: ConnectionState.Open }
            && (Environment.TickCount64 - _lastUsed <= (long)ConnectionHealth.IdleCheck.TotalMilliseconds
                || await ConnectionHealth.IsUsableAsync(_connection).ConfigureAwait(false)))
        {
            return;
        }

        await CloseAsync().ConfigureAwait(false);
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, SessionSetup, cancellationToken).ConfigureAwait(false);
            _connection = connection;
            _lastUsed = Environment.TickCount64;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="batch"/> in one transaction and commits it, leaving each write marked as
    /// conflicted or not. Throws on anything but a conflict; the caller then rolls back
    /// (<see cref="RollbackAsync"/>) or drops the connection.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<PendingWrite> batch, DateTime now, CancellationToken cancellationToken)
    {
        CommitSent = false;
        _lastUsed = Environment.TickCount64;
        var connection = _connection ?? throw new InvalidOperationException("The writer connection is not open.");

        var grouped = false;
        if (batch.Count(pending => pending.Operation is StateWrite) >= 2)
        {
            grouped = await RunCommandsAsync(connection, BuildGrouped(batch, now), batch, cancellationToken).ConfigureAwait(false);
            if (!grouped)
            {
                // Some grouped write did not match: start over one statement per write to learn which.
                await ExecuteAsync(connection, "ROLLBACK", cancellationToken).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Reset();
                }
            }
        }

        if (!grouped)
        {
            await RunCommandsAsync(connection, BuildSingle(batch, now), batch, cancellationToken).ConfigureAwait(false);
        }

        // Conflicts are rare: only then is the stored version read, for the exception to name it.
        foreach (var pending in batch)
        {
            if (pending.Conflicted)
            {
                pending.SetConflict(await pending.Operation.DescribeConflictAsync(connection, cancellationToken).ConfigureAwait(false));
            }
        }

        CommitSent = true;
        await ExecuteAsync(connection, "COMMIT", CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One statement (or two) per write, each followed by its own row-count check.</summary>
    private static SqlBuilderList BuildSingle(IReadOnlyList<PendingWrite> batch, DateTime now)
    {
        var commands = new SqlBuilderList();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Operation.AddTo(commands, i, now);
        }

        return commands;
    }

    /// <summary>The state writes as multi-row statements (<see cref="GroupedStateSql"/>), the other writes one by one.</summary>
    private static SqlBuilderList BuildGrouped(IReadOnlyList<PendingWrite> batch, DateTime now)
    {
        var commands = new SqlBuilderList();
        var inserts = new List<StateWrite>();
        var updates = new List<StateWrite>();
        for (var i = 0; i < batch.Count; i++)
        {
            switch (batch[i].Operation)
            {
                case StateWrite { ExpectedVersion: null } insert:
                    inserts.Add(insert);
                    break;
                case StateWrite update:
                    updates.Add(update);
                    break;
                default:
                    batch[i].Operation.AddTo(commands, i, now);
                    break;
            }
        }

        var boxedNow = (object)now;
        commands.AddRows(
            GroupedStateSql.InsertHead,
            GroupedStateSql.InsertFirstRow,
            GroupedStateSql.InsertRow,
            inserts.Select(w => new object?[] { w.GrainType, w.GrainKey, w.StateName, w.StateType, w.Payload, boxedNow }).ToList(),
            (builder, _) => builder.EndStatement(GroupedStateSql.InsertTail));
        commands.AddRows(
            GroupedStateSql.UpdateHead,
            GroupedStateSql.UpdateFirstRow,
            GroupedStateSql.UpdateRow,
            updates.Select(w => new object?[] { w.GrainType, w.GrainKey, w.StateName, w.ExpectedVersion, w.StateType, w.Payload }).ToList(),
            (builder, _) => builder.Fragment(GroupedStateSql.UpdateTail, boxedNow).EndStatement());
        return commands;
    }

    /// <summary>
    /// Runs the commands in order, marking the writes whose checks fall short as conflicted. Returns false,
    /// and stops, as soon as a grouped check falls short: the transaction must then be rolled back.
    /// </summary>
    private static async Task<bool> RunCommandsAsync(MySqlConnection connection, SqlBuilderList commands, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        foreach (var builder in commands.Commands)
        {
            if (builder.IsEmpty)
            {
                continue;
            }

            var groupedShort = false;
            await using (var command = builder.Build(connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < builder.Checks.Count; i++)
                {
                    if ((i > 0 && !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                        || !await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("A group-commit command returned fewer row counts than it has checks.");
                    }

                    var check = builder.Checks[i];
                    if (reader.GetInt64(0) >= check.MinimumRows)
                    {
                        continue;
                    }

                    if (check.Commit == RowCheck.Grouped)
                    {
                        groupedShort = true;
                    }
                    else
                    {
                        batch[check.Commit].MarkConflicted();
                    }
                }
            }

            if (groupedShort)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ends a failed transaction; a connection that cannot even do that is dropped and reopened later.</summary>
    public async Task RollbackAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await ExecuteAsync(_connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MySqlException or InvalidOperationException or IOException)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether the connection is still there; a dead one is dropped.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        if (_connection is not null && await ConnectionHealth.IsUsableAsync(_connection).ConfigureAwait(false))
        {
            return true;
        }

        await CloseAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Drops the connection; the server rolls back whatever it had open.</summary>
    public async Task CloseAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
