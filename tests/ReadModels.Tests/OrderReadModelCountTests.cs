using Microsoft.Data.Sqlite;
using MySqlConnector;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Orders;
using Shop.TestKit;

namespace Shop.ReadModels.Tests;

/// <summary>
/// The orders read model's count by status (the operations page): placed orders only, every status present, each order
/// counted once in the status of its newest version. The same on both stores.
/// </summary>
public abstract class OrderReadModelCountConformance : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);

    protected IOrderReadModel Model { get; private set; } = null!;

    public async Task InitializeAsync() => Model = await CreateModelAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IOrderReadModel> CreateModelAsync();

    [Fact]
    public async Task An_empty_read_model_counts_zero_in_every_status()
    {
        var counts = await Model.CountByStatusAsync();

        Assert.Equal(Enum.GetValues<OrderStatus>(), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Placed_orders_are_counted_in_their_status_and_orders_never_placed_are_not()
    {
        var orders = new[]
        {
            Order(OrderStatus.Pending, SagaStep.AwaitingPayment),
            Order(OrderStatus.Pending, SagaStep.ConfirmingStock),
            Order(OrderStatus.Completed, SagaStep.Completed),
            Order(OrderStatus.Completed, SagaStep.Completed),
            Order(OrderStatus.Completed, SagaStep.AwaitingRefund),
            Order(OrderStatus.Cancelled, SagaStep.Cancelled),
            Order(OrderStatus.Refunded, SagaStep.Refunded),
            Order(OrderStatus.Pending, SagaStep.Placing),
            Order(OrderStatus.Cancelled, SagaStep.Abandoned),
        };
        foreach (var order in orders)
        {
            await Model.UpsertAsync(order);
        }

        Assert.Equal(Counts(pending: 2, completed: 3, cancelled: 1, refunded: 1), await Model.CountByStatusAsync());
    }

    [Fact]
    public async Task An_order_counts_in_the_status_of_its_newest_version_only()
    {
        var placed = Order(OrderStatus.Pending, SagaStep.AwaitingPayment, version: 2);
        await Model.UpsertAsync(placed);
        await Model.UpsertAsync(placed with { Status = OrderStatus.Completed, Step = SagaStep.Completed, Version = 5, NextCheckAt = null });
        Assert.Equal(Counts(completed: 1), await Model.CountByStatusAsync());

        // A late, older version (a redelivered event) leaves it where it is.
        await Model.UpsertAsync(placed with { Version = 3 });
        Assert.Equal(Counts(completed: 1), await Model.CountByStatusAsync());

        await Model.UpsertAsync(placed with { Status = OrderStatus.Refunded, Step = SagaStep.Refunded, Version = 9, NextCheckAt = null });
        Assert.Equal(Counts(refunded: 1), await Model.CountByStatusAsync());
    }

    [Fact]
    public async Task Upserts_of_many_orders_at_once_leave_each_in_its_newest_version()
    {
        // Three versions of each of 150 orders, all at once and shuffled, so that a store writing rows together gets
        // versions of one order in one statement, newest before oldest too.
        var orders = Enumerable.Range(0, 150).Select(_ => Order(OrderStatus.Pending, SagaStep.AwaitingPayment)).ToList();
        var random = new Random(42);
        var upserts = orders
            .SelectMany(o => new[] { o, o with { Version = 2 }, o with { Status = OrderStatus.Completed, Step = SagaStep.Completed, Version = 3, NextCheckAt = null } })
            .OrderBy(_ => random.Next())
            .ToList();

        await Task.WhenAll(upserts.Select(o => Model.UpsertAsync(o)));

        Assert.Equal(Counts(completed: 150), await Model.CountByStatusAsync());
        var listed = await Model.ListForUserAsync("user-1", 1, 200);
        Assert.Equal(150, listed.Total);
        Assert.All(listed.Items, item => Assert.Equal(OrderStatus.Completed, item.Status));
    }

    protected static OrderView Order(OrderStatus status, SagaStep step, long version = 1) => new(
        OrderIds.New(),
        "user-1",
        status,
        step,
        [new OrderItem("SKU-1", 2, new Money(1_000m, "KRW"))],
        new Money(2_000m, "KRW"),
        null,
        Start,
        Start.AddSeconds(version),
        [],
        version,
        step is SagaStep.Completed or SagaStep.Cancelled or SagaStep.Refunded or SagaStep.Abandoned ? null : Start.AddMinutes(15));

    protected static Dictionary<OrderStatus, long> Counts(long pending = 0, long completed = 0, long cancelled = 0, long refunded = 0) => new()
    {
        [OrderStatus.Pending] = pending,
        [OrderStatus.Completed] = completed,
        [OrderStatus.Cancelled] = cancelled,
        [OrderStatus.Refunded] = refunded,
    };
}

/// <summary>On the embedded default: a fresh <c>orders.db</c> for each test.</summary>
public sealed class SqliteOrderReadModelCountTests : OrderReadModelCountConformance
{
    private readonly string _directory = TempDirectory.Create("orders");
    private SqliteOrderReadModel? _model;

    protected override Task<IOrderReadModel> CreateModelAsync() => Task.FromResult<IOrderReadModel>(_model = new SqliteOrderReadModel(_directory));

    public override async Task DisposeAsync()
    {
        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    [Fact]
    public async Task A_database_of_schema_version_1_is_upgraded_with_the_status_index_and_keeps_its_orders()
    {
        var directory = TempDirectory.Create("orders-v1");
        try
        {
            var path = Path.Combine(directory, "orders.db");
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE order_summaries (
                        order_id TEXT NOT NULL PRIMARY KEY, user_id TEXT NOT NULL, status TEXT NOT NULL, step TEXT NOT NULL,
                        total_amount TEXT NOT NULL, currency TEXT NOT NULL, item_count INTEGER NOT NULL, failure_reason TEXT,
                        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, next_check_at INTEGER, placed INTEGER NOT NULL,
                        version INTEGER NOT NULL);
                    CREATE INDEX order_summaries_by_user ON order_summaries (user_id, created_at);
                    CREATE INDEX order_summaries_due ON order_summaries (next_check_at) WHERE next_check_at IS NOT NULL;
                    INSERT INTO order_summaries VALUES ('o1', 'u', 'Completed', 'Completed', '10', 'KRW', 1, NULL, 0, 0, NULL, 1, 4);
                    PRAGMA user_version = 1;
                    """;
                await command.ExecuteNonQueryAsync();
            }

            await using (var model = new SqliteOrderReadModel(directory))
            {
                Assert.Equal(Counts(completed: 1), await model.CountByStatusAsync());
            }

            await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
            await check.OpenAsync();
            await using var query = check.CreateCommand();
            query.CommandText = "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'order_summaries_by_status'), (SELECT user_version FROM pragma_user_version)";
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((1L, 2L), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.Delete(directory);
        }
    }
}

/// <summary>On MariaDB: a fresh database for each test.</summary>
public sealed class MySqlOrderReadModelCountTests : OrderReadModelCountConformance
{
    private MySqlTestDatabase? _database;
    private MySqlOrderReadModel? _model;

    protected override async Task<IOrderReadModel> CreateModelAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        return _model = new MySqlOrderReadModel(_database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_order_the_server_refuses_fails_alone_and_the_orders_written_beside_it_are_kept()
    {
        var good = Enumerable.Range(0, 50).Select(_ => Order(OrderStatus.Pending, SagaStep.AwaitingPayment)).ToList();
        var refused = Order(OrderStatus.Pending, SagaStep.AwaitingPayment) with { OrderId = new string('x', 65) };

        var writes = good.Take(25).Select(o => Model.UpsertAsync(o)).ToList();
        var refusedWrite = Model.UpsertAsync(refused);
        writes.AddRange(good.Skip(25).Select(o => Model.UpsertAsync(o)));

        // order_id is VARCHAR(64): the server refuses the row (strict mode), and only that caller hears it.
        await Assert.ThrowsAsync<MySqlException>(() => refusedWrite);
        await Task.WhenAll(writes);
        Assert.Equal(Counts(pending: 50), await Model.CountByStatusAsync());
    }

    [Fact]
    public async Task A_table_of_an_earlier_build_gains_the_status_index_and_keeps_its_orders()
    {
        await _database!.ExecuteAsync("""
            CREATE TABLE order_summaries (
                order_id VARCHAR(64) NOT NULL, user_id VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, step VARCHAR(32) NOT NULL,
                total_amount DECIMAL(19,4) NOT NULL, currency VARCHAR(8) NOT NULL, item_count INT NOT NULL, failure_reason VARCHAR(64) NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, next_check_at BIGINT NULL, placed TINYINT NOT NULL, version BIGINT NOT NULL,
                PRIMARY KEY (order_id), KEY order_summaries_by_user (user_id, created_at), KEY order_summaries_due (next_check_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
            INSERT INTO order_summaries VALUES ('o1', 'u', 'Cancelled', 'Cancelled', 10, 'KRW', 1, NULL, 0, 0, NULL, 1, 4);
            """);

        Assert.Equal(Counts(cancelled: 1), await Model.CountByStatusAsync());
        Assert.Equal(
            ["placed", "status"],
            await _database.QueryAsync<string>("SELECT column_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'order_summaries' AND index_name = 'order_summaries_by_status' ORDER BY seq_in_index"));
    }
}
