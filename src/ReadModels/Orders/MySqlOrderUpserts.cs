using System.Threading.Channels;
using MySqlConnector;
using Shop.Grains.Interfaces.Orders;
using Shop.ReadModels.MySql;

namespace Shop.ReadModels.Orders;

/// <summary>
/// The upserts of the orders read model, committed together: rows that arrive while one batch is being written go into
/// the next, as one multi-row statement and one commit. A busy saga then pays one redo-log flush for many orders' rows
/// instead of one per row. Each caller is answered once its row is committed.
/// </summary>
internal sealed class MySqlOrderUpserts : IAsyncDisposable
{
    /// <summary>Most rows in one statement.</summary>
    public const int MaxRows = 256;

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    // MariaDB assigns left to right, so version is set last: every IF before it still compares with the stored version.
    // Rows of one statement are applied in order, so two versions of one order in a batch end as the newer one.
    private static readonly string Tail = "\n" + $"""
        ON DUPLICATE KEY UPDATE
        {string.Join(",\n", new[] { "status", "step", "total_amount", "currency", "item_count", "failure_reason", "created_at", "updated_at", "next_check_at", "placed" }
            .Select(c => $"{c} = IF(VALUES(version) > version, VALUES({c}), {c})"))},
        version = GREATEST(version, VALUES(version))
        """;

    private readonly Func<CancellationToken, Task<MySqlConnection>> _open;
    // Not a single reader: a dispose that waited long enough for the writer fails what the writer has not taken.
    private readonly Channel<Upsert> _queue = Channel.CreateUnbounded<Upsert>();
    private readonly Lazy<Task> _writer;

    public MySqlOrderUpserts(Func<CancellationToken, Task<MySqlConnection>> open)
    {
        _open = open;
        _writer = new(() => Task.Run(WriteLoopAsync));
    }

    public Task UpsertAsync(OrderView order, CancellationToken cancellationToken)
    {
        var upsert = new Upsert(OrderRow.Values(order));
        if (!_queue.Writer.TryWrite(upsert))
        {
            throw new ObjectDisposedException(nameof(MySqlOrderReadModel));
        }

        _ = _writer.Value;
        return upsert.Committed.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            // The rows already asked for are written before the host ends, unless the database does not answer in time.
            await _writer.Value.WaitAsync(DisposeWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Committed.TrySetException(new ObjectDisposedException(nameof(MySqlOrderReadModel)));
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Upsert>(MaxRows);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxRows && _queue.Reader.TryRead(out var upsert))
            {
                batch.Add(upsert);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyList<Upsert> batch)
    {
        try
        {
            await WriteRowsAsync(batch).ConfigureAwait(false);
            foreach (var upsert in batch)
            {
                upsert.Committed.TrySetResult();
            }
        }
        catch (Exception exception) when (batch.Count > 1 && !MySqlCatalogErrors.IsRetriable(exception))
        {
            // The server refused the statement, not the connection: written one by one, only the row it refuses fails.
            foreach (var upsert in batch)
            {
                await WriteAsync([upsert]).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Nothing of the statement committed; each caller decides whether to try again (the projection does).
            foreach (var upsert in batch)
            {
                upsert.Committed.TrySetException(exception);
            }
        }
    }

    private async Task WriteRowsAsync(IReadOnlyList<Upsert> batch)
    {
        var statement = new MultiRowCommand($"INSERT INTO order_summaries ({OrderRow.Columns}) VALUES ", Tail);
        foreach (var upsert in batch)
        {
            statement.AddRow(upsert.Values);
        }

        await using var connection = await _open(CancellationToken.None).ConfigureAwait(false);
        await using var command = statement.ToCommand(connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private sealed record Upsert(object?[] Values)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
