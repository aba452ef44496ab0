using Microsoft.Data.Sqlite;
using MySql.Data.MySqlClient;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;
using Shop.Runtime.Hosting;

namespace Shop.Bench;

/// <summary>
/// Durable grain state writes per second, 64 grains writing concurrently, on each provider. Baseline in
/// the same run: 64 workers updating their own row with plain ADO.NET, one transaction per update, on
/// the same database with the same durability settings.
/// </summary>
internal static class StateWriteBenchmark
{
    private const int Writers = 64;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"shop-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var sqliteBaseline = await SqliteBaselineAsync(Path.Combine(dataDirectory, "baseline.db"), options.Duration);
            var sqliteGrains = await GrainWritesAsync(s => s.UseSqliteStorage(o => o.DataDirectory = dataDirectory), options.Duration);
            Console.WriteLine($"state-writes sqlite: grains {Load.Format(sqliteGrains)}/s, baseline {Load.Format(sqliteBaseline)}/s, ratio {sqliteGrains / sqliteBaseline:F2}");

            if (!options.SkipMySql)
            {
                var mysqlBaseline = await MySqlBaselineAsync(options.MySqlConnectionString, options.Duration);
                var mysqlGrains = await GrainWritesAsync(s => s.UseMySqlStorage(o => o.ConnectionString = options.MySqlConnectionString), options.Duration);
                Console.WriteLine($"state-writes mysql: grains {Load.Format(mysqlGrains)}/s, baseline {Load.Format(mysqlBaseline)}/s, ratio {mysqlGrains / mysqlBaseline:F2}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }

        return 0;
    }

    private static async Task<double> GrainWritesAsync(Action<ISiloBuilder> storage, TimeSpan duration)
    {
        await using var silo = await BenchSilo.StartAsync(storage);
        var run = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var grains = Enumerable.Range(0, Writers).Select(i => silo.Grains.GetGrain<IWriterGrain>(run + i)).ToArray();
        return await Load.OpsPerSecondAsync(Writers, duration, worker => grains[worker].WriteAsync());
    }

    private static async Task<double> SqliteBaselineAsync(string path, TimeSpan duration)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL);");
            for (var i = 0; i < Writers; i++)
            {
                await Execute(setup, $"INSERT INTO rows VALUES ({i}, 0, '')");
            }
        }

        return await Load.OpsPerSecondAsync(Writers, duration, async worker =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;");
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE rows SET version = version + 1, payload = $p WHERE id = $id";
            update.Parameters.AddWithValue("$p", "order-line-with-a-realistic-payload-size-0123456789");
            update.Parameters.AddWithValue("$id", worker);
            await update.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
    }

    private static async Task<double> MySqlBaselineAsync(string connectionString, TimeSpan duration)
    {
        var table = $"bench_rows_{Guid.NewGuid():N}"[..24];
        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await Execute(setup, $"CREATE TABLE {table} (id INT PRIMARY KEY, version BIGINT NOT NULL, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB");
            await Execute(setup, $"INSERT INTO {table} VALUES " + string.Join(",", Enumerable.Range(0, Writers).Select(i => $"({i},0,'')")));
        }

        try
        {
            return await Load.OpsPerSecondAsync(Writers, duration, async worker =>
            {
                await using var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = $"UPDATE {table} SET version = version + 1, payload = @p WHERE id = @id";
                update.Parameters.AddWithValue("@p", "order-line-with-a-realistic-payload-size-0123456789");
                update.Parameters.AddWithValue("@id", worker);
                await update.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            });
        }
        finally
        {
            await using var cleanup = new MySqlConnection(connectionString);
            await cleanup.OpenAsync();
            await Execute(cleanup, $"DROP TABLE {table}");
        }
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
