using MySqlConnector;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Orders;

/// <summary>
/// The orders read model of a cluster: the <c>order_summaries</c> table (InnoDB) in the configured MariaDB database,
/// created at first use. Upserts are guarded by the order's version and committed many at once (<see cref="MySqlOrderUpserts"/>).
/// </summary>
public sealed class MySqlOrderReadModel : IOrderReadModel, IAsyncDisposable
{
    // The second statement adds the status index to a table created before the operations page counted orders by status.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS order_summaries (
            order_id       VARCHAR(64)   NOT NULL,
            user_id        VARCHAR(64)   NOT NULL,
            status         VARCHAR(16)   NOT NULL,
            step           VARCHAR(32)   NOT NULL,
            total_amount   DECIMAL(19,4) NOT NULL,
            currency       VARCHAR(8)    NOT NULL,
            item_count     INT           NOT NULL,
            failure_reason VARCHAR(64)   NULL,
            created_at     BIGINT        NOT NULL,
            updated_at     BIGINT        NOT NULL,
            next_check_at  BIGINT        NULL,
            placed         TINYINT       NOT NULL,
            version        BIGINT        NOT NULL,
            PRIMARY KEY (order_id),
            KEY order_summaries_by_user (user_id, created_at),
            KEY order_summaries_due (next_check_at),
            KEY order_summaries_by_status (placed, status)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
        CREATE INDEX IF NOT EXISTS order_summaries_by_status ON order_summaries (placed, status)
        """;

    // Every statement here stands alone (autocommit) and leaves no session state, so a pooled session is not reset
    // before use: the reset would cost a round trip per statement.
    private readonly string _connectionString;
    private readonly MySqlOrderUpserts _upserts;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public MySqlOrderReadModel(string connectionString)
    {
        _connectionString = string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException("A MariaDB connection string is required.", nameof(connectionString))
            : new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString;
        _upserts = new MySqlOrderUpserts(OpenAsync);
    }

    public Task UpsertAsync(OrderView order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _upserts.UpsertAsync(order, cancellationToken);
    }

    public ValueTask DisposeAsync() => _upserts.DisposeAsync();

    public async Task<OrderPage> ListForUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            $"""
            SELECT COUNT(*) FROM order_summaries WHERE user_id = @user AND placed = 1;
            SELECT {OrderRow.SummaryColumns} FROM order_summaries
            WHERE user_id = @user AND placed = 1
            ORDER BY created_at DESC, order_id DESC LIMIT @limit OFFSET @offset
            """,
            connection);
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@limit", pageSize);
        command.Parameters.AddWithValue("@offset", (long)(page - 1) * pageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<OrderSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(OrderRow.Read(reader));
        }

        return new OrderPage(items, page, pageSize, total);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListStuckAsync(DateTimeOffset movedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            $"""
            SELECT {OrderRow.SummaryColumns} FROM order_summaries
            WHERE next_check_at IS NOT NULL AND updated_at < @before
            ORDER BY updated_at LIMIT @limit
            """,
            connection);
        command.Parameters.AddWithValue("@before", OrderRow.Ms(movedBefore));
        command.Parameters.AddWithValue("@limit", limit);
        var items = new List<OrderSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(OrderRow.Read(reader));
        }

        return items;
    }

    public async Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            "SELECT order_id FROM order_summaries WHERE next_check_at <= @now ORDER BY next_check_at LIMIT @limit", connection);
        command.Parameters.AddWithValue("@now", OrderRow.Ms(now));
        command.Parameters.AddWithValue("@limit", limit);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(OrderRow.CountByStatus, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await OrderRow.ReadCountsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_created)
            {
                await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_created)
                    {
                        await using var create = new MySqlCommand(CreateTable, connection);
                        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        _created = true;
                    }
                }
                finally
                {
                    _createLock.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
