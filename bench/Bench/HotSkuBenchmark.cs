using System.Diagnostics;
using MySql.Data.MySqlClient;
using Shop.Grains.Interfaces.Inventory;
using Shop.Providers.MySql;

namespace Shop.Bench;

/// <summary>
/// One hot SKU on MariaDB with durable commits (innodb_flush_log_at_trx_commit=1), in one run:
/// 1. the design notes' baseline: a products row with stock and stock_reserved, each reservation its own
///    transaction (UPDATE … WHERE stock - stock_reserved >= ?) from 32 connections;
/// 2. the same reservations through SkuGrain from 1,000 concurrent callers (group-committed ledger lines);
/// then both approaches drain a small stock to prove nothing is granted beyond it.
/// </summary>
internal static class HotSkuBenchmark
{
    private const int BaselineConnections = 32;
    private const int GrainCallers = 1000;
    private const int ThroughputStock = 50_000_000;
    private const int DrainStock = 5_000;

    // Each approach first runs this long on a row or SKU of its own, so that neither is measured while
    // the JIT is still compiling it or the database is still warming its pages.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var flush = await ScalarAsync(options.MySqlConnectionString, "SELECT @@innodb_flush_log_at_trx_commit");
        Console.WriteLine($"hot-sku: MariaDB innodb_flush_log_at_trx_commit={flush}");

        var table = $"hot_products_{Guid.NewGuid():N}"[..28];
        await ExecuteAsync(options.MySqlConnectionString,
            $"CREATE TABLE {table} (product_id BIGINT PRIMARY KEY, stock INT NOT NULL, stock_reserved INT NOT NULL DEFAULT 0) ENGINE=InnoDB");
        try
        {
            await ExecuteAsync(options.MySqlConnectionString, $"INSERT INTO {table} (product_id, stock) VALUES (1, {ThroughputStock}), (2, {DrainStock}), (3, {ThroughputStock})");
            RunBaseline(options.MySqlConnectionString, table, productId: 3, WarmUp);
            var (baselineRate, baselineGranted) = RunBaseline(options.MySqlConnectionString, table, productId: 1, options.Duration);
            var baselineDrained = RunBaseline(options.MySqlConnectionString, table, productId: 2, duration: null).Granted;
            Console.WriteLine($"hot-sku: baseline {Load.Format(baselineRate)}/s ({baselineGranted} reservations, {BaselineConnections} connections)");

            await using var silo = await BenchSilo.StartAsync(s => s.UseMySqlStorage(o => o.ConnectionString = options.MySqlConnectionString));
            await RunGrainAsync(silo, $"WARM-{Guid.NewGuid():N}", ThroughputStock, WarmUp);
            var (grainRate, p99, grainGranted) = await RunGrainAsync(silo, $"HOT-{Guid.NewGuid():N}", ThroughputStock, options.Duration);
            var grainDrained = (await RunGrainAsync(silo, $"DRAIN-{Guid.NewGuid():N}", DrainStock, duration: null)).Granted;
            Console.WriteLine($"hot-sku: grain {Load.Format(grainRate)}/s ({grainGranted} reservations, {GrainCallers} callers)");

            var oversold = Math.Max(0, baselineDrained - DrainStock) + Math.Max(0, grainDrained - DrainStock)
                + Math.Max(0, baselineGranted - ThroughputStock) + Math.Max(0, grainGranted - ThroughputStock);
            Console.WriteLine($"hot-sku: drained {DrainStock} units: baseline granted {baselineDrained}, grain granted {grainDrained}");
            Console.WriteLine(FormattableString.Invariant(
                $"hot-sku: grain {grainRate:F0}/s p99 {p99:F1} ms, baseline {baselineRate:F0}/s, ratio {grainRate / baselineRate:F1}, oversold {oversold}"));
            return oversold == 0 ? 0 : 2;
        }
        finally
        {
            await ExecuteAsync(options.MySqlConnectionString, $"DROP TABLE {table}");
        }
    }

    // Dedicated threads: MySql.Data blocks the calling thread for every round trip.
    private static (double Rate, int Granted) RunBaseline(string connectionString, string table, int productId, TimeSpan? duration)
    {
        var granted = 0;
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, BaselineConnections).Select(_ => new Thread(() =>
        {
            using var connection = new MySqlConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE {table} SET stock_reserved = stock_reserved + @q WHERE product_id = @id AND stock - stock_reserved >= @q";
            command.Parameters.AddWithValue("@q", 1);
            command.Parameters.AddWithValue("@id", productId);
            while (duration is null || stopwatch.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                var rows = command.ExecuteNonQuery();
                transaction.Commit();
                if (rows == 1)
                {
                    Interlocked.Increment(ref granted);
                }
                else if (duration is null)
                {
                    break;
                }
            }

        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (granted / stopwatch.Elapsed.TotalSeconds, granted);
    }

    private static async Task<(double Rate, double P99Ms, int Granted)> RunGrainAsync(BenchSilo silo, string key, int stock, TimeSpan? duration)
    {
        var sku = silo.Grains.GetGrain<ISkuGrain>(key);
        await sku.SetStockAsync(stock, "bench");
        var granted = 0;
        var latencies = new List<double>[GrainCallers];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, GrainCallers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new List<double>(4096);
            for (var i = 0; duration is null || stopwatch.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await sku.ReserveAsync($"{caller}-{i}", $"user-{caller}", 1);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (result.Succeeded)
                {
                    Interlocked.Increment(ref granted);
                }
                else if (duration is null)
                {
                    break;
                }
            }
        })));
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var p99 = all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, Math.Ceiling(all.Length * 0.99) - 1)];

        var view = await sku.GetViewAsync();
        if (view.Reserved != granted)
        {
            throw new InvalidOperationException($"The grain acknowledged {granted} reservations but holds {view.Reserved}.");
        }

        return (granted / elapsed.TotalSeconds, p99, granted);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
