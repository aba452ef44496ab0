using System.Diagnostics;
using System.Globalization;
using MySqlConnector;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Bench;

/// <summary>
/// One hot SKU on MariaDB with durable commits (innodb_flush_log_at_trx_commit=1), in one run:
/// 1. baseline, the design notes' row-lock approach on plain MySqlConnector: a products row with stock and
///    stock_reserved, each reservation its own transaction (<c>UPDATE … WHERE stock - stock_reserved >= ?</c>,
///    which checks availability and takes the unit in one statement, then COMMIT) from 32 connections;
///    the same with a ledger row inserted in each transaction is printed beside it for reference;
/// 2. the same reservations through <c>SkuGrain</c> (Orleans JournaledGrain, our MariaDB journal) from 1,000
///    concurrent callers, each acknowledged only once its ledger line is committed;
/// then both approaches drain a small stock to prove nothing is granted beyond it, and the grains' state is
/// checked against what was acknowledged and against their ledger (reconciliation).
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
        var connectionString = options.MySqlConnectionString;
        var flush = await ScalarAsync(connectionString, "SELECT @@innodb_flush_log_at_trx_commit");
        Console.WriteLine($"hot-sku: MariaDB innodb_flush_log_at_trx_commit={flush}");

        var suffix = Guid.NewGuid().ToString("N")[..12];
        var products = $"hot_products_{suffix}";
        var ledger = $"hot_ledger_{suffix}";
        await ExecuteAsync(connectionString,
            $"CREATE TABLE {products} (product_id BIGINT PRIMARY KEY, stock INT NOT NULL, stock_reserved INT NOT NULL DEFAULT 0) ENGINE=InnoDB");
        await ExecuteAsync(connectionString,
            $"CREATE TABLE {ledger} (id BIGINT AUTO_INCREMENT PRIMARY KEY, product_id BIGINT NOT NULL, order_id VARCHAR(64) NOT NULL, user_id VARCHAR(64) NOT NULL, quantity INT NOT NULL, created_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        int oversold;
        double baselineRate, grainRate, p99;
        try
        {
            await ExecuteAsync(connectionString,
                $"INSERT INTO {products} (product_id, stock) VALUES (1, {ThroughputStock}), (2, {DrainStock}), (3, {ThroughputStock}), (4, {ThroughputStock})");
            RunBaseline(connectionString, products, ledger: null, productId: 3, WarmUp);
            (baselineRate, var baselineGranted) = RunBaseline(connectionString, products, ledger: null, productId: 1, options.Duration);
            var baselineDrained = RunBaseline(connectionString, products, ledger: null, productId: 2, duration: null).Granted;
            var (ledgerRate, ledgerGranted) = RunBaseline(connectionString, products, ledger, productId: 4, options.Duration);
            var rows = await ScalarAsync(connectionString, $"SELECT CONCAT(stock_reserved, '/', (SELECT COUNT(*) FROM {ledger})) FROM {products} WHERE product_id = 4");
            Console.WriteLine($"hot-sku: baseline {Load.Format(baselineRate)}/s ({baselineGranted} reservations, {BaselineConnections} connections, UPDATE-with-check + COMMIT)");
            Console.WriteLine($"hot-sku: baseline with a ledger row per reservation {Load.Format(ledgerRate)}/s ({ledgerGranted} reservations; reserved/ledger rows {rows}), for reference only");

            await ShopMySql.EnsureSchemaAsync(connectionString);
            var meter = new JournalMeter();
            var metered = false;
            await using var silo = await BenchSilo.StartAsync(s =>
            {
                s.AddShopMySqlStorage(connectionString);
                metered = meter.TryDecorate(s.Services);
            });

            await RunGrainAsync(silo, $"WARM-{suffix}", ThroughputStock, WarmUp);
            meter.Reset();
            var cpu = new CpuMeter();
            var hot = await RunGrainAsync(silo, $"HOT-{suffix}", ThroughputStock, options.Duration);
            var cpuUse = cpu.Describe();
            var journal = meter.Snapshot(hot.Elapsed);
            (grainRate, p99) = (hot.Rate, hot.P99Ms);
            var drain = await RunGrainAsync(silo, $"DRAIN-{suffix}", DrainStock, duration: null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hot-sku: grain {Load.Format(grainRate)}/s ({hot.Granted} reservations, {GrainCallers} callers), latency p50 {hot.P50Ms:F1} ms p99 {hot.P99Ms:F1} ms max {hot.MaxMs:F1} ms"));
            if (metered)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"hot-sku: journal {journal.AppendsPerSecond:F0} appends/s, {journal.EntriesPerAppend:F0} lines ({journal.Bytes / Math.Max(1, journal.Appends) / 1024.0:F0} KiB incl. snapshots) per append, append p50 {journal.P50Ms:F1} ms p99 {journal.P99Ms:F1} ms max {journal.MaxMs:F1} ms, an append in flight {journal.BusyFraction:P0} of the time; {journal.Snapshots} snapshots, {journal.SnapshotBytes / 1048576.0:F1} MiB"));
            }

            Console.WriteLine($"hot-sku: {cpuUse}");
            var counter = await RunCounterGrainAsync(silo, $"COUNTER-{suffix}", options.Duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hot-sku: diagnosis, same callers and journal on a grain whose state does not grow (counts only): {Load.Format(counter.Rate)}/s, latency p50 {counter.P50Ms:F1} ms p99 {counter.P99Ms:F1} ms"));

            // Stock conservation, from the grain's view and from its ledger (reconciliation rebuilds the state from the journal alone).
            var reconcile = Stopwatch.StartNew();
            var problems = new List<string>();
            await CheckAsync(silo, hot, ThroughputStock, problems);
            await CheckAsync(silo, drain, DrainStock, problems);
            Console.WriteLine($"hot-sku: drained {DrainStock} units: baseline granted {baselineDrained}, grain granted {drain.Granted}; " +
                $"grain views and ledgers checked in {reconcile.Elapsed.TotalSeconds:F1} s: {(problems.Count == 0 ? "stock conserved, ledgers in sync" : string.Join("; ", problems))}");

            oversold = Math.Max(0, baselineDrained - DrainStock) + Math.Max(0, drain.Granted - DrainStock)
                + Math.Max(0, baselineGranted - ThroughputStock) + Math.Max(0, hot.Granted - ThroughputStock)
                + Math.Max(0, ledgerGranted - ThroughputStock);
            if (problems.Count > 0)
            {
                oversold = Math.Max(oversold, 1);
            }
        }
        finally
        {
            await ExecuteAsync(connectionString, $"DROP TABLE IF EXISTS {products}, {ledger}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hot-sku: grain {grainRate:F0}/s p99 {p99:F1} ms, baseline {baselineRate:F0}/s, ratio {grainRate / baselineRate:F1}, oversold {oversold}"));
        return oversold == 0 ? 0 : 2;
    }

    // Dedicated threads and MySqlConnector's synchronous API: each connection is one client waiting on its round trips.
    private static (double Rate, int Granted) RunBaseline(string connectionString, string products, string? ledger, int productId, TimeSpan? duration)
    {
        var granted = 0;
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, BaselineConnections).Select(thread => new Thread(() =>
        {
            using var connection = new MySqlConnection(connectionString);
            connection.Open();
            using var reserve = connection.CreateCommand();
            reserve.CommandText = $"UPDATE {products} SET stock_reserved = stock_reserved + @q WHERE product_id = @id AND stock - stock_reserved >= @q";
            reserve.Parameters.AddWithValue("@q", 1);
            reserve.Parameters.AddWithValue("@id", productId);
            using var line = connection.CreateCommand();
            line.CommandText = $"INSERT INTO {ledger} (product_id, order_id, user_id, quantity, created_at) VALUES (@id, @order, @user, @q, UTC_TIMESTAMP(6))";
            line.Parameters.AddWithValue("@id", productId);
            var order = line.Parameters.AddWithValue("@order", "");
            line.Parameters.AddWithValue("@user", $"user-{thread}");
            line.Parameters.AddWithValue("@q", 1);
            for (var i = 0; duration is null || stopwatch.Elapsed < duration; i++)
            {
                using var transaction = connection.BeginTransaction();
                reserve.Transaction = transaction;
                var rows = reserve.ExecuteNonQuery();
                if (rows == 1 && ledger is not null)
                {
                    line.Transaction = transaction;
                    order.Value = $"{thread}-{i}";
                    line.ExecuteNonQuery();
                }

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

    private static async Task<GrainRun> RunGrainAsync(BenchSilo silo, string key, int stock, TimeSpan? duration)
    {
        var sku = silo.Grains.GetGrain<ISkuGrain>(key);
        await sku.ClaimAsync(1, new Shop.Grains.Interfaces.Catalog.Money(1000m, "KRW"), 0, null);
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
        return new GrainRun(key, granted, elapsed, JournalMeter.Percentile(all, 0.50), JournalMeter.Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static async Task<GrainRun> RunCounterGrainAsync(BenchSilo silo, string key, TimeSpan duration)
    {
        var grain = silo.Grains.GetGrain<ICounterSkuGrain>(key);
        await grain.SetStockAsync(ThroughputStock);
        var granted = 0;
        var latencies = new List<double>[GrainCallers];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, GrainCallers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new List<double>(4096);
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var reserved = await grain.ReserveAsync($"{caller}-{i}", $"user-{caller}", 1);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (reserved)
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        if (await grain.GetReservedAsync() != granted)
        {
            throw new InvalidOperationException($"{key} acknowledged {granted} reservations but holds {await grain.GetReservedAsync()}.");
        }

        return new GrainRun(key, granted, elapsed, JournalMeter.Percentile(all, 0.50), JournalMeter.Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static async Task CheckAsync(BenchSilo silo, GrainRun run, int stock, List<string> problems)
    {
        var sku = silo.Grains.GetGrain<ISkuGrain>(run.Key);
        var view = await sku.GetViewAsync();
        if (view.Stock != stock || view.Reserved != run.Granted || view.Sold != 0 || view.Available != stock - run.Granted || view.Available < 0)
        {
            problems.Add($"{run.Key}: stock {view.Stock}, reserved {view.Reserved}, sold {view.Sold}, available {view.Available} after {run.Granted} acknowledged reservations of {stock}");
        }

        var report = await sku.ReconcileAsync();
        if (!report.InSync)
        {
            problems.Add($"{run.Key}: ledger (version {report.LedgerVersion}) disagrees: {string.Join("; ", report.Drift)}");
        }
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

    private sealed record GrainRun(string Key, int Granted, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
    {
        public double Rate => Granted / Elapsed.TotalSeconds;
    }
}
