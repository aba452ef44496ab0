using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySql.Data.MySqlClient;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;
using Shop.Runtime;
using Shop.Runtime.Hosting;
using Shop.Runtime.Serialization;
using Shop.Runtime.Streams;

namespace Shop.Bench;

/// <summary>
/// Durable streams end to end, on SQLite and on MariaDB, through the runtime's public API only: host code
/// publishes with <see cref="IStreamProvider"/> from DI, and <see cref="StreamSinkGrain"/> (an implicit
/// subscriber of the <c>bench</c> namespace) notes the Stopwatch timestamp at which it handled each event.
/// <list type="bullet">
/// <item>Latency: ~2,000 single events published one at a time at a modest pace (at most one every 2 ms,
/// over 8 stream keys). Measured from just after the awaited <c>OnNextAsync</c> returned (the event is
/// committed) to the entry of the handler. The event cannot carry a timestamp taken after its own commit,
/// so the publisher keeps that timestamp in a table indexed by the event's sample number instead.</item>
/// <item>Throughput: 64 publishers, each publishing 50-event batches with <c>OnNextBatchAsync</c> to its own
/// stream key for the duration; then the run waits until every published event has been handled. Events/s
/// is published events ÷ time from the first publish to the last handler call.</item>
/// </list>
/// Baseline in the same run, on the same database with the same durability settings: plain ADO.NET appends
/// of the same payload to a table, no runtime. For throughput, 64 workers each committing one 50-row
/// multi-row INSERT per transaction (rows/s): the cheapest plain way to make the same events durable,
/// so the ratio says what share of the database's raw append rate survives the whole pipeline (outbox
/// commit with per-queue sequence numbers, read back by the pulling agents, deserialized, dispatched to
/// the grains, checkpointed). For latency, single-row INSERT + COMMITs at the same pace, each followed by
/// reading the new row back on a fresh pooled connection: the read-back is the least a plain consumer that
/// was told of the row at once would pay, so commit→handler p50 is printed as a multiple of its p50; the
/// publish call (OnNextAsync, the runtime's commit) is compared with the plain commit the same way.
/// SQLite's baseline writers take turns behind an in-process gate (see <see cref="SqliteBaselineAsync"/>).
/// The log starts empty: a fresh SQLite file, and on MariaDB a scratch database <c>shop_test_bench_…</c>
/// (dropped afterwards) so that leftovers of earlier runs are neither delivered nor counted. Stream options
/// are the defaults on purpose (4 queues, 256-event reads, 64 streams per queue in parallel).
/// </summary>
internal static class StreamBenchmark
{
    public const string Namespace = "bench";

    private const int Publishers = 64;
    private const int BatchSize = 50;
    private const int LatencyWarmup = 200;
    private const int LatencySamples = 2000;
    private const int LatencyKeys = 8;
    private const string Payload = "order-line-with-a-realistic-payload-size-0123456789";
    private static readonly TimeSpan LatencyPace = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ThreadPool.SetMinThreads(Publishers + 16, Publishers + 16);

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"shop-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var sqliteBaseline = await SqliteBaselineAsync(Path.Combine(dataDirectory, "baseline.db"), options.Duration);
            var sqlite = await MeasureAsync(s => s.UseSqliteStorage(o => o.DataDirectory = dataDirectory), options.Duration);
            Print("sqlite", sqlite, sqliteBaseline);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }

        if (!options.SkipMySql)
        {
            var (connectionString, scratch) = await CreateScratchDatabaseAsync(options.MySqlConnectionString);
            try
            {
                var mysqlBaseline = await MySqlBaselineAsync(connectionString, options.Duration);
                var mysql = await MeasureAsync(s => s.UseMySqlStorage(o => o.ConnectionString = connectionString), options.Duration);
                Print("mysql", mysql, mysqlBaseline);
            }
            finally
            {
                MySqlConnection.ClearAllPools();
                if (scratch is not null)
                {
                    await using var connection = new MySqlConnection(options.MySqlConnectionString);
                    await connection.OpenAsync();
                    await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS `{scratch}`");
                }
            }
        }

        return 0;
    }

    private static void Print(string provider, StreamResult r, BaselineResult b)
    {
        Console.WriteLine(
            $"streams {provider}: {Load.Format(r.EventsPerSecond)} events/s end to end, commit→handler p50 {Ms(r.HandlerLatency.P50)} ms p99 {Ms(r.HandlerLatency.P99)} ms, " +
            $"baseline {Load.Format(b.RowsPerSecond)} rows/s (raw {BatchSize}-row insert transactions, {Publishers} writers), raw read-back p50 {Ms(b.ReadBackLatency.P50)} ms p99 {Ms(b.ReadBackLatency.P99)} ms, " +
            $"ratio {r.EventsPerSecond / b.RowsPerSecond:F2} (throughput), {r.HandlerLatency.P50 / b.ReadBackLatency.P50:F1} (latency p50)");
        Console.WriteLine(
            $"streams {provider}: published {Load.Format(r.Published)} events in {r.PublishSeconds:F1} s, all handled {r.DrainSeconds:F2} s after the last publish; " +
            $"publish (OnNextAsync) p50 {Ms(r.PublishLatency.P50)} ms p99 {Ms(r.PublishLatency.P99)} ms, raw single-row commit p50 {Ms(b.CommitLatency.P50)} ms p99 {Ms(b.CommitLatency.P99)} ms, " +
            $"ratio {r.PublishLatency.P50 / b.CommitLatency.P50:F2} (publish p50)" +
            (r.HandledBeforePublishReturned > 0 ? $"; {r.HandledBeforePublishReturned} events reached the handler before OnNextAsync returned (counted as 0 ms)" : ""));
    }

    private static string Ms(double ms) => ms.ToString("F2", CultureInfo.InvariantCulture);

    // ---- the runtime ---------------------------------------------------------------------------------

    private static async Task<StreamResult> MeasureAsync(Action<ISiloBuilder> storage, TimeSpan duration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSilo(silo =>
        {
            // Only the sink: the commerce grains' subscriptions would add pulling agents of their own.
            silo.AddGrain<StreamSinkGrain>();
            storage(silo);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var provider = host.Services.GetRequiredService<IStreamProvider>();
            var recorder = new StreamRecorder(Guid.NewGuid(), LatencyWarmup + LatencySamples);
            StreamRecorder.Current = recorder;
            try
            {
                var (handler, publish, early) = await MeasureLatencyAsync(provider, recorder);
                var (published, publishSeconds, totalSeconds) = await MeasureThroughputAsync(provider, recorder, duration);
                return new StreamResult(published / totalSeconds, published, publishSeconds, totalSeconds - publishSeconds, handler, publish, early);
            }
            finally
            {
                StreamRecorder.Current = null;
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<(Percentiles Handler, Percentiles Publish, int Early)> MeasureLatencyAsync(IStreamProvider provider, StreamRecorder recorder)
    {
        var total = LatencyWarmup + LatencySamples;
        var streams = Enumerable.Range(0, LatencyKeys)
            .Select(k => provider.GetStream<BenchStreamEvent>(StreamId.Create(Namespace, $"latency-{k}")))
            .ToArray();
        var publishedAt = new long[total];
        var publishTicks = new long[total];
        var pace = (long)(LatencyPace.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var e = new BenchStreamEvent { Run = recorder.Run, Phase = BenchStreamEvent.LatencyPhase, Index = i, Payload = Payload };
            var before = Stopwatch.GetTimestamp();
            await streams[i % LatencyKeys].OnNextAsync(e);
            publishedAt[i] = Stopwatch.GetTimestamp();
            publishTicks[i] = publishedAt[i] - before;
            next = Math.Max(next + pace, publishedAt[i]);
        }

        await WaitUntilAsync(() => recorder.LatencyHandled >= total, () => $"{total - recorder.LatencyHandled} of {total} latency events not handled");

        var latencies = new double[LatencySamples];
        var early = 0;
        for (var i = 0; i < LatencySamples; i++)
        {
            var ticks = recorder.HandledAt[LatencyWarmup + i] - publishedAt[LatencyWarmup + i];
            if (ticks < 0)
            {
                // The handler ran before the publisher's continuation did: delivered as the commit returned.
                early++;
                ticks = 0;
            }

            latencies[i] = ToMs(ticks);
        }

        var publish = publishTicks.Skip(LatencyWarmup).Select(ToMs).ToArray();
        return (Percentiles.Of(latencies), Percentiles.Of(publish), early);
    }

    private static async Task<(long Published, double PublishSeconds, double TotalSeconds)> MeasureThroughputAsync(
        IStreamProvider provider, StreamRecorder recorder, TimeSpan duration)
    {
        var streams = Enumerable.Range(0, Publishers)
            .Select(p => provider.GetStream<BenchStreamEvent>(StreamId.Create(Namespace, $"publisher-{p}")))
            .ToArray();

        // Warm-up: activates the 64 sink grains and the JIT, then lets the log drain before the clock starts.
        var warmup = await PublishForAsync(streams, recorder, BenchStreamEvent.WarmupPhase, TimeSpan.FromMilliseconds(500));
        await WaitUntilAsync(() => recorder.Handled(BenchStreamEvent.WarmupPhase) >= warmup,
            () => $"{warmup - recorder.Handled(BenchStreamEvent.WarmupPhase)} of {warmup} warm-up events not handled");

        var start = Stopwatch.GetTimestamp();
        var published = await PublishForAsync(streams, recorder, BenchStreamEvent.ThroughputPhase, duration);
        var publishSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await WaitUntilAsync(() => recorder.Handled(BenchStreamEvent.ThroughputPhase) >= published,
            () => $"{published - recorder.Handled(BenchStreamEvent.ThroughputPhase)} of {published} events not handled");
        var totalSeconds = Stopwatch.GetElapsedTime(start, recorder.LastHandledAt).TotalSeconds;
        return (published, publishSeconds, totalSeconds);
    }

    private static async Task<long> PublishForAsync(IAsyncStream<BenchStreamEvent>[] streams, StreamRecorder recorder, int phase, TimeSpan duration)
    {
        long published = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(streams.Select((stream, p) => Task.Run(async () =>
        {
            var index = 0;
            while (stopwatch.Elapsed < duration)
            {
                var batch = new BenchStreamEvent[BatchSize];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = new BenchStreamEvent { Run = recorder.Run, Phase = phase, Index = index++, Payload = Payload };
                }

                await stream.OnNextBatchAsync(batch);
                Interlocked.Add(ref published, BatchSize);
            }
        })));
        return published;
    }

    private static async Task WaitUntilAsync(Func<bool> done, Func<string> describe)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > DrainTimeout)
            {
                throw new TimeoutException($"streams: {describe()} after {DrainTimeout.TotalMinutes} minutes.");
            }

            await Task.Delay(5);
        }
    }

    // ---- the baseline: plain ADO.NET appends -------------------------------------------------------

    private static byte[] BaselinePayload() =>
        GrainStateSerializer.Serialize(new BenchStreamEvent { Run = Guid.NewGuid(), Phase = 2, Index = 12345, Payload = Payload });

    private static string InsertRowsSql(string table, int rows, char prefix) =>
        $"INSERT INTO {table} (event_id, stream_key, payload, created_at) VALUES " +
        string.Join(",", Enumerable.Range(0, rows).Select(i => $"({prefix}e{i}, {prefix}k, {prefix}p, {prefix}t)"));

    private static async Task<BaselineResult> SqliteBaselineAsync(string path, TimeSpan duration)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await ExecuteAsync(setup, "PRAGMA journal_mode=WAL; CREATE TABLE append_rows (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_key TEXT NOT NULL, payload BLOB NOT NULL, created_at INTEGER NOT NULL);");
        }

        var payload = BaselinePayload();
        var batchSql = InsertRowsSql("append_rows", BatchSize, '$');
        var oneSql = InsertRowsSql("append_rows", 1, '$');

        // SQLite admits one writer at a time. Without this gate the 64 workers would queue inside SQLite's
        // busy handler, whose sleeps (1 ms growing to 100 ms) would measure that retry policy rather than
        // the database; the gate is the writer queue a plain application would put in front of it.
        using var gate = new SemaphoreSlim(1, 1);

        async Task AppendAsync(string sql, int rows, string key)
        {
            await gate.WaitAsync();
            try
            {
                await AppendUngatedAsync(sql, rows, key);
            }
            finally
            {
                gate.Release();
            }
        }

        async Task AppendUngatedAsync(string sql, int rows, string key)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;");
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = sql;
            for (var i = 0; i < rows; i++)
            {
                insert.Parameters.AddWithValue($"$e{i}", Guid.NewGuid().ToString());
            }

            insert.Parameters.AddWithValue("$k", key);
            insert.Parameters.Add("$p", SqliteType.Blob).Value = payload;
            insert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        async Task ReadBackAsync()
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await ReadLatestAsync(connection, "append_rows");
        }

        var (commit, readBack) = await PacedLatencyAsync(() => AppendAsync(oneSql, 1, "latency"), ReadBackAsync);
        var batches = await Load.OpsPerSecondAsync(Publishers, duration, worker => AppendAsync(batchSql, BatchSize, $"publisher-{worker}"));
        return new BaselineResult(batches * BatchSize, commit, readBack);
    }

    private static async Task<BaselineResult> MySqlBaselineAsync(string connectionString, TimeSpan duration)
    {
        var table = $"bench_append_{Guid.NewGuid():N}"[..26];
        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await ExecuteAsync(setup,
                $"CREATE TABLE {table} (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, event_id CHAR(36) NOT NULL, stream_key VARCHAR(100) NOT NULL, " +
                "payload LONGBLOB NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
        }

        var payload = BaselinePayload();
        var batchSql = InsertRowsSql(table, BatchSize, '@');
        var oneSql = InsertRowsSql(table, 1, '@');

        async Task AppendAsync(string sql, int rows, string key)
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = sql;
            for (var i = 0; i < rows; i++)
            {
                insert.Parameters.AddWithValue($"@e{i}", Guid.NewGuid().ToString());
            }

            insert.Parameters.AddWithValue("@k", key);
            insert.Parameters.AddWithValue("@p", payload);
            insert.Parameters.AddWithValue("@t", DateTime.UtcNow);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        async Task ReadBackAsync()
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await ReadLatestAsync(connection, table);
        }

        try
        {
            var (commit, readBack) = await PacedLatencyAsync(() => AppendAsync(oneSql, 1, "latency"), ReadBackAsync);
            var batches = await Load.OpsPerSecondAsync(Publishers, duration, worker => AppendAsync(batchSql, BatchSize, $"publisher-{worker}"));
            return new BaselineResult(batches * BatchSize, commit, readBack);
        }
        finally
        {
            await using var cleanup = new MySqlConnection(connectionString);
            await cleanup.OpenAsync();
            await ExecuteAsync(cleanup, $"DROP TABLE IF EXISTS {table}");
        }
    }

    /// <summary>
    /// One single-row commit at a time at the latency phase's pace, each followed by reading the new row
    /// back on a fresh (pooled) connection; the durations of both, in ms.
    /// </summary>
    private static async Task<(Percentiles Commit, Percentiles ReadBack)> PacedLatencyAsync(Func<Task> commit, Func<Task> readBack)
    {
        var samples = new double[LatencySamples];
        var reads = new double[LatencySamples];
        var pace = (long)(LatencyPace.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp();
        for (var i = -LatencyWarmup; i < LatencySamples; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var before = Stopwatch.GetTimestamp();
            await commit();
            var after = Stopwatch.GetTimestamp();
            await readBack();
            var read = Stopwatch.GetTimestamp();
            if (i >= 0)
            {
                samples[i] = ToMs(after - before);
                reads[i] = ToMs(read - after);
            }

            next = Math.Max(next + pace, read);
        }

        return (Percentiles.Of(samples), Percentiles.Of(reads));
    }

    /// <summary>Reads the newest row with every column, as a consumer told of it would.</summary>
    private static async Task ReadLatestAsync(DbConnection connection, string table)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT id, event_id, stream_key, payload, created_at FROM {table} WHERE id = (SELECT MAX(id) FROM {table})";
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _ = reader.GetValue(3);
        }
    }

    /// <summary>
    /// A scratch database next to the configured one (the test user may create <c>shop_test%</c> databases);
    /// falls back to the configured database itself when it may not create one.
    /// </summary>
    private static async Task<(string ConnectionString, string? Scratch)> CreateScratchDatabaseAsync(string connectionString)
    {
        var name = "shop_test_bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (MySqlException exception) when (exception.Message.Contains("denied", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"streams mysql: cannot create a scratch database ({exception.Message}); using the configured one, whose stream log may hold earlier events.");
            return (connectionString, null);
        }

        return (new MySqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString, name);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed record StreamResult(
        double EventsPerSecond,
        long Published,
        double PublishSeconds,
        double DrainSeconds,
        Percentiles HandlerLatency,
        Percentiles PublishLatency,
        int HandledBeforePublishReturned);

    private sealed record BaselineResult(double RowsPerSecond, Percentiles CommitLatency, Percentiles ReadBackLatency);

    private sealed record Percentiles(double P50, double P99)
    {
        /// <summary>Nearest-rank percentiles.</summary>
        public static Percentiles Of(IReadOnlyCollection<double> values)
        {
            var sorted = values.Order().ToArray();
            double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            return new Percentiles(Rank(0.50), Rank(0.99));
        }
    }
}

/// <summary>The benchmark's event. Run tells this run's events from any left in the log by an earlier one.</summary>
public sealed class BenchStreamEvent
{
    public const int LatencyPhase = 0;
    public const int WarmupPhase = 1;
    public const int ThroughputPhase = 2;

    public Guid Run { get; set; }

    public int Phase { get; set; }

    /// <summary>The sample number in the latency phase; the publisher's running count otherwise.</summary>
    public int Index { get; set; }

    public string Payload { get; set; } = "";
}

/// <summary>
/// What the sink grains saw during one run: the handler-entry timestamp of every latency sample (first
/// delivery only) and the number of events handled per phase. Static because the grains are created by
/// the runtime; only the stream benchmark sets it.
/// </summary>
internal sealed class StreamRecorder(Guid run, int latencyEvents)
{
    private readonly long[] _handled = new long[3];
    private long _latencyHandled;
    private long _lastHandledAt;

    public static volatile StreamRecorder? Current;

    public Guid Run { get; } = run;

    public long[] HandledAt { get; } = new long[latencyEvents];

    public long LatencyHandled => Interlocked.Read(ref _latencyHandled);

    public long LastHandledAt => Interlocked.Read(ref _lastHandledAt);

    public long Handled(int phase) => Interlocked.Read(ref _handled[phase]);

    public void Record(BenchStreamEvent e, long timestamp)
    {
        if (e.Run != Run)
        {
            return;
        }

        if (e.Phase == BenchStreamEvent.LatencyPhase)
        {
            if (Interlocked.CompareExchange(ref HandledAt[e.Index], timestamp, 0) == 0)
            {
                Interlocked.Increment(ref _latencyHandled);
            }

            return;
        }

        Interlocked.Increment(ref _handled[e.Phase]);
        long last;
        while ((last = Interlocked.Read(ref _lastHandledAt)) < timestamp
               && Interlocked.CompareExchange(ref _lastHandledAt, timestamp, last) != last)
        {
        }
    }
}

/// <summary>
/// Receives every stream of the <c>bench</c> namespace (the grain whose key is the stream key) and only
/// notes when it handled each event. Hosted by the other benchmarks' silos too (they add this whole
/// assembly), where it only costs its idle pulling agents.
/// </summary>
[ImplicitStreamSubscription(StreamBenchmark.Namespace)]
public sealed class StreamSinkGrain : Grain, IGrainWithStringKey, IStreamSubscriber<BenchStreamEvent>
{
    public Task OnNextAsync(BenchStreamEvent item, StreamEventContext context)
    {
        var now = Stopwatch.GetTimestamp();
        StreamRecorder.Current?.Record(item, now);
        return Task.CompletedTask;
    }
}
