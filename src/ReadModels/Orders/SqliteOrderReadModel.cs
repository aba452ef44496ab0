using System.Globalization;
using Microsoft.Data.Sqlite;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Orders;

/// <summary>
/// The orders read model of the embedded default: one table in a SQLite file of its own (<c>orders.db</c> in the data
/// directory, WAL, <c>synchronous=FULL</c>). One writer connection, its writes one after another; reads on connections
/// of their own see the last commit.
/// </summary>
public sealed class SqliteOrderReadModel : IOrderReadModel, IAsyncDisposable
{
    // 2: the index order_summaries_by_status, for the operations page's counts.
    private const int SchemaVersion = 2;

    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly string _directory;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

    public SqliteOrderReadModel(string dataDirectory, string fileName = "orders.db")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _directory = Path.GetFullPath(dataDirectory);
        var path = Path.Combine(_directory, fileName);
        _writeConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 30 }.ToString();
    }

    public async Task UpsertAsync(OrderView order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = await WriterAsync(cancellationToken).ConfigureAwait(false);
            await using var command = writer.CreateCommand();
            command.CommandText = $"""
                INSERT INTO order_summaries ({OrderRow.Columns})
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12)
                ON CONFLICT (order_id) DO UPDATE SET
                    status = excluded.status, step = excluded.step, total_amount = excluded.total_amount, currency = excluded.currency,
                    item_count = excluded.item_count, failure_reason = excluded.failure_reason, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, next_check_at = excluded.next_check_at, placed = excluded.placed, version = excluded.version
                WHERE excluded.version > order_summaries.version;
                """;
            var values = OrderRow.Values(order);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue($"$p{i}", values[i] switch
                {
                    null => DBNull.Value,
                    decimal amount => amount.ToString(CultureInfo.InvariantCulture),
                    var value => value,
                });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<OrderPage> ListForUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = await ReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$user", userId);
        command.CommandText = "SELECT COUNT(*) FROM order_summaries WHERE user_id = $user AND placed = 1;";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        command.CommandText = $"""
            SELECT {OrderRow.SummaryColumns} FROM order_summaries
            WHERE user_id = $user AND placed = 1
            ORDER BY created_at DESC, order_id DESC LIMIT $limit OFFSET $offset;
            """;
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (long)(page - 1) * pageSize);
        return new OrderPage(await ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false), page, pageSize, total);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListStuckAsync(DateTimeOffset movedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await ReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {OrderRow.SummaryColumns} FROM order_summaries
            WHERE next_check_at IS NOT NULL AND updated_at < $before
            ORDER BY updated_at LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$before", OrderRow.Ms(movedBefore));
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await ReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT order_id FROM order_summaries WHERE next_check_at <= $now ORDER BY next_check_at LIMIT $limit;";
        command.Parameters.AddWithValue("$now", OrderRow.Ms(now));
        command.Parameters.AddWithValue("$limit", limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = OrderRow.CountByStatus;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await OrderRow.ReadCountsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        _writeLock.Dispose();
    }

    private static async Task<IReadOnlyList<OrderSummary>> ReadSummariesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<OrderSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(OrderRow.Read(reader));
        }

        return items;
    }

    private async Task<SqliteConnection> ReaderAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            // The writer creates the file and its schema; a read before the first write must not find no table.
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriterAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>The writer connection, opened (and the schema created or checked) on first use. Call under the write lock.</summary>
    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(_writeConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "PRAGMA user_version;";
            var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new NotSupportedException($"The orders database has schema version {version}, newer than version {SchemaVersion} that this build knows.");
            }

            if (version < SchemaVersion)
            {
                command.CommandText = """
                    BEGIN IMMEDIATE;
                    CREATE TABLE IF NOT EXISTS order_summaries (
                        order_id       TEXT    NOT NULL PRIMARY KEY,
                        user_id        TEXT    NOT NULL,
                        status         TEXT    NOT NULL,
                        step           TEXT    NOT NULL,
                        total_amount   TEXT    NOT NULL,
                        currency       TEXT    NOT NULL,
                        item_count     INTEGER NOT NULL,
                        failure_reason TEXT,
                        created_at     INTEGER NOT NULL,
                        updated_at     INTEGER NOT NULL,
                        next_check_at  INTEGER,
                        placed         INTEGER NOT NULL,
                        version        INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS order_summaries_by_user ON order_summaries (user_id, created_at);
                    CREATE INDEX IF NOT EXISTS order_summaries_due ON order_summaries (next_check_at) WHERE next_check_at IS NOT NULL;
                    CREATE INDEX IF NOT EXISTS order_summaries_by_status ON order_summaries (placed, status);
                    PRAGMA user_version = 2;
                    COMMIT;
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return _writer = connection;
    }
}
