using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>Behaviour of the SQLite store that the provider-neutral conformance suite cannot see.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static GrainId NewGrain() => new("cart", Guid.NewGuid().ToString("N"));

    private static StateChange Change(GrainId grain, string? eTag, string payload)
        => new(grain, "state", "CartState", eTag, Encoding.UTF8.GetBytes(payload));

    private static GrainCommit StatesOnly(params StateChange[] changes) => new(changes, [], []);

    private static async Task<string> WriteAsync(SqliteStore store, GrainId grain, string? eTag, string payload)
        => (await store.CommitAsync(StatesOnly(Change(grain, eTag, payload)))).ETags[0];

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Blocks the writer thread inside a batch until the returned gate is released.</summary>
    private static async Task<(Task<bool> Held, ManualResetEventSlim Gate)> HoldWriterAsync(SqliteStore store)
    {
        var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = store.ExecuteWriteAsync(_ =>
        {
            entered.SetResult();
            return gate.Wait(WaitLimit);
        });
        await entered.Task.WaitAsync(WaitLimit);
        return (held, gate);
    }

    [Fact]
    public async Task The_writer_runs_in_wal_mode_with_synchronous_full_and_a_busy_timeout()
    {
        using var store = _database.OpenStore();
        await store.InitializeAsync();

        var pragmas = await store.ExecuteWriteAsync(context =>
        {
            using var command = context.Connection.CreateCommand();
            command.CommandText = "SELECT * FROM pragma_journal_mode, pragma_synchronous, pragma_busy_timeout;";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            return (JournalMode: reader.GetString(0), Synchronous: reader.GetInt64(1), BusyTimeout: reader.GetInt64(2));
        });

        Assert.Equal("wal", pragmas.JournalMode);
        Assert.Equal(2, pragmas.Synchronous); // 2 = FULL
        Assert.Equal(30_000, pragmas.BusyTimeout);
        using var raw = OpenRaw();
        Assert.Equal("wal", Scalar(raw, "PRAGMA journal_mode;")); // WAL is a property of the file, not only of the connection
    }

    [Fact]
    public async Task The_data_directory_is_created_and_the_file_is_named_by_the_options()
    {
        var nested = new SqliteStorageOptions { DataDirectory = Path.Combine(_database.Directory, "a", "b"), FileName = "orders.sqlite" };
        await using (var store = new SqliteStore(nested))
        {
            await WriteAsync(store, NewGrain(), null, "x");
            Assert.Equal(Path.Combine(nested.DataDirectory, "orders.sqlite"), store.DatabasePath);
        }

        Assert.True(File.Exists(Path.Combine(nested.DataDirectory, "orders.sqlite")));
        var defaults = new SqliteStorageOptions();
        Assert.Equal("./data", defaults.DataDirectory);
        Assert.Equal("shop.db", defaults.FileName);
        Assert.Equal(Path.Combine("./data", "shop.db"), defaults.DatabasePath);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_committed_data_and_conflicts_with_the_first()
    {
        var grain = NewGrain();
        using var first = _database.OpenStore();
        using var second = _database.OpenStore();
        var eTag = await WriteAsync(first, grain, null, "from first");

        var seen = await second.ReadStateAsync(grain, "state");
        Assert.Equal(eTag, seen?.ETag);
        Assert.Equal("from first", Encoding.UTF8.GetString(seen!.Payload!));

        var secondETag = await WriteAsync(second, grain, eTag, "from second");
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(first, grain, eTag, "stale first"));
        Assert.Equal(secondETag, (await first.ReadStateAsync(grain, "state"))?.ETag);

        // Sequences are kept in the file, so two writers on one file never hand out the same one.
        await first.CommitAsync(GrainCommit.EventsOnly([new StreamEvent(Guid.NewGuid(), "ns", "k", 1, "T", [1], DateTimeOffset.UtcNow)]));
        await second.CommitAsync(GrainCommit.EventsOnly([new StreamEvent(Guid.NewGuid(), "ns", "k", 1, "T", [2], DateTimeOffset.UtcNow)]));
        Assert.Equal([1L, 2L], (await first.ReadQueueAsync(1, 0, 10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_and_the_schema_is_created_once()
    {
        var grain = NewGrain();
        string eTag;
        await using (var store = _database.OpenStore())
        {
            eTag = await WriteAsync(store, grain, null, "durable");
        }

        // Reopened one after another, then by several stores at once: creating the schema must be idempotent.
        await using (var store = _database.OpenStore())
        {
            Assert.Equal(eTag, (await store.ReadStateAsync(grain, "state"))?.ETag);
        }

        var concurrent = Enumerable.Range(0, 4).Select(_ => _database.OpenStore()).ToArray();
        await Task.WhenAll(concurrent.Select(store => Task.Run(() => store.InitializeAsync()))).WaitAsync(WaitLimit);
        foreach (var store in concurrent)
        {
            Assert.Equal("durable", Encoding.UTF8.GetString((await store.ReadStateAsync(grain, "state"))!.Payload!));
            await store.DisposeAsync();
        }

        using var raw = OpenRaw();
        Assert.Equal(1L, Scalar(raw, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(1L, Scalar(raw, "SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task A_first_use_from_many_callers_at_once_opens_the_file_once()
    {
        using var store = _database.OpenStore();
        var grains = Enumerable.Range(0, 32).Select(_ => NewGrain()).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(() => WriteAsync(store, grain, null, grain.Key)))).WaitAsync(WaitLimit);

        foreach (var grain in grains)
        {
            Assert.Equal(grain.Key, Encoding.UTF8.GetString((await store.ReadStateAsync(grain, "state"))!.Payload!));
        }
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused()
    {
        await using (var store = _database.OpenStore())
        {
            await store.InitializeAsync();
        }

        using (var raw = OpenRaw())
        {
            Scalar(raw, "INSERT INTO schema_version (version, applied_at) VALUES (999, 0);");
        }

        await using var newer = _database.OpenStore();
        await Assert.ThrowsAsync<NotSupportedException>(() => newer.ReadStateAsync(NewGrain(), "state"));
    }

    [Fact]
    public async Task Timestamps_are_stored_as_utc_unix_milliseconds_and_read_back_in_utc()
    {
        using var store = _database.OpenStore();
        var createdAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(9));
        await store.CommitAsync(GrainCommit.EventsOnly([new StreamEvent(Guid.NewGuid(), "ns", "k", 5, "T", [1], createdAt.AddTicks(9_999))]));

        var read = Assert.Single(await store.ReadQueueAsync(5, 0, 10)).Event;
        Assert.Equal(createdAt, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        using var raw = OpenRaw();
        Assert.Equal(createdAt.ToUnixTimeMilliseconds(), Scalar(raw, "SELECT created_at FROM stream_events WHERE queue_id = 5;"));
    }

    [Fact]
    public async Task A_commit_stores_its_journal_entries_as_one_row_and_the_entries_view_shows_one_row_each()
    {
        using var store = _database.OpenStore();
        var grain = NewGrain();
        await store.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 1, [Encoding.UTF8.GetBytes("{\"n\":1}"), Encoding.UTF8.GetBytes("\"원\"")])], []));
        await store.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 3, [Encoding.UTF8.GetBytes("[3]")])], []));

        using var raw = OpenRaw();
        Assert.Equal(2L, Scalar(raw, $"SELECT COUNT(*) FROM grain_journal WHERE grain_key = '{grain.Key}';"));
        Assert.Equal(2L, Scalar(raw, $"SELECT last_version FROM grain_journal WHERE grain_key = '{grain.Key}' AND version = 1;"));
        Assert.Equal(
            "1:{\"n\":1}|2:원|3:[3]",
            Scalar(raw, $"SELECT group_concat(version || ':' || entry, '|') FROM (SELECT version, entry FROM grain_journal_entries WHERE grain_key = '{grain.Key}' ORDER BY version);"));
    }

    [Fact]
    public async Task Conflicts_report_the_stored_and_the_presented_etag()
    {
        using var store = _database.OpenStore();
        var grain = NewGrain();
        var first = await WriteAsync(store, grain, null, "v1");
        var second = await WriteAsync(store, grain, first, "v2");

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(store, grain, first, "stale"));
        Assert.Equal(second, stale.StoredETag);
        Assert.Equal(first, stale.CurrentETag);

        var insert = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(store, grain, null, "insert"));
        Assert.Equal(second, insert.StoredETag);
        Assert.Null(insert.CurrentETag);

        var missing = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(store, NewGrain(), "1", "x"));
        Assert.Null(missing.StoredETag);
        Assert.Equal("1", missing.CurrentETag);
    }

    [Fact]
    public async Task Concurrent_commits_share_one_transaction_and_a_conflict_fails_only_its_own_caller()
    {
        using var store = _database.OpenStore();
        var stale = NewGrain();
        var staleETag = await WriteAsync(store, stale, null, "v1");
        await WriteAsync(store, stale, staleETag, "v2");
        var grains = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToArray();

        var (held, gate) = await HoldWriterAsync(store);
        var batchesBefore = store.CommittedBatches;
        // All of these queue up behind the held batch and so are drained into a single next batch.
        var commits = grains.Select(grain => store.CommitAsync(new GrainCommit(
            [Change(grain, null, grain.Key)], [], [new StreamEvent(Guid.NewGuid(), "ns", grain.Key, 9, "T", [1], DateTimeOffset.UtcNow)]))).ToList();
        var conflicting = store.CommitAsync(new GrainCommit(
            [Change(stale, staleETag, "stale")], [], [new StreamEvent(Guid.NewGuid(), "ns", "stale", 9, "T", [1], DateTimeOffset.UtcNow)]));
        commits.Insert(10, conflicting);
        Assert.All(commits, commit => Assert.False(commit.IsCompleted));
        gate.Set();
        Assert.True(await held);

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting.WaitAsync(WaitLimit));
        await Task.WhenAll(commits.Where(commit => commit != conflicting)).WaitAsync(WaitLimit);

        Assert.Equal(batchesBefore + 2, store.CommittedBatches); // the held batch, then everything queued behind it
        foreach (var grain in grains)
        {
            Assert.Equal(grain.Key, Encoding.UTF8.GetString((await store.ReadStateAsync(grain, "state"))!.Payload!));
        }

        Assert.Equal("v2", Encoding.UTF8.GetString((await store.ReadStateAsync(stale, "state"))!.Payload!));
        var events = await store.ReadQueueAsync(9, 0, 100);
        Assert.Equal(grains.Select(grain => grain.Key), events.Select(e => e.Event.StreamKey));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), events.Select(e => e.Sequence)); // the rolled-back one left no gap
    }

    [Fact]
    public async Task An_unexpected_error_in_one_operation_of_a_batch_fails_only_that_operation()
    {
        using var store = _database.OpenStore();
        var grains = Enumerable.Range(0, 6).Select(_ => NewGrain()).ToArray();

        var (held, gate) = await HoldWriterAsync(store);
        var before = grains.Take(3).Select(grain => WriteAsync(store, grain, null, grain.Key)).ToList();
        var broken = store.ExecuteWriteAsync<int>(context =>
        {
            using var command = context.Connection.CreateCommand();
            command.CommandText = "INSERT INTO no_such_table VALUES (1);";
            return command.ExecuteNonQuery();
        });
        var after = grains.Skip(3).Select(grain => WriteAsync(store, grain, null, grain.Key)).ToList();
        gate.Set();
        await held;

        await Assert.ThrowsAsync<SqliteException>(() => broken.WaitAsync(WaitLimit));
        await Task.WhenAll(before.Concat(after)).WaitAsync(WaitLimit);
        foreach (var grain in grains)
        {
            Assert.NotNull(await store.ReadStateAsync(grain, "state"));
        }
    }

    [Fact]
    public async Task A_write_canceled_while_queued_is_not_written()
    {
        using var store = _database.OpenStore();
        var grain = NewGrain();
        using var cancel = new CancellationTokenSource();

        var (held, gate) = await HoldWriterAsync(store);
        var commit = store.CommitAsync(StatesOnly(Change(grain, null, "canceled")), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commit.WaitAsync(WaitLimit));
        gate.Set();
        await held;

        Assert.Null(await store.ReadStateAsync(grain, "state"));
        await WriteAsync(store, grain, null, "later");
    }

    [Fact]
    public async Task Disposing_finishes_queued_writes_closes_the_file_and_rejects_further_use()
    {
        var store = _database.OpenStore();
        var grain = NewGrain();
        await WriteAsync(store, grain, null, "v1");
        var (held, gate) = await HoldWriterAsync(store);
        var queued = WriteAsync(store, NewGrain(), null, "queued");

        var disposing = store.DisposeAsync().AsTask();
        gate.Set();
        await held;
        await disposing.WaitAsync(WaitLimit);

        Assert.Equal("1", await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadStateAsync(grain, "state"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(store, grain, "1", "v2"));
        store.Dispose();
        // The last connection to close checkpoints the WAL into the file and removes it: nothing is left open.
        Assert.False(File.Exists(_database.FilePath + "-wal"));
    }

    [Fact]
    public async Task UseSqliteStorage_registers_one_store_for_all_three_contracts()
    {
        var services = new ServiceCollection();
        var builder = new TestSiloBuilder(services);
        builder.UseSqliteStorage(options =>
        {
            options.DataDirectory = _database.Directory;
            options.FileName = "silo.db";
        });
        builder.UseSqliteStorage(); // a second call must not add a second store on the file

        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<SqliteStore>();
            Assert.Same(store, provider.GetRequiredService<IGrainStorage>());
            Assert.Same(store, provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));
            Assert.Same(store, provider.GetRequiredService<IStreamQueueStorage>());
            Assert.Same(store, provider.GetRequiredService<IReminderTable>());
            Assert.Single(provider.GetServices<IGrainStorage>());
            Assert.Equal(Path.Combine(Path.GetFullPath(_database.Directory), "silo.db"), store.DatabasePath);
            await WriteAsync(store, NewGrain(), null, "x");
        }

        Assert.True(File.Exists(Path.Combine(_database.Directory, "silo.db")));
        Assert.False(File.Exists(Path.Combine(_database.Directory, "silo.db-wal")));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteStore(new SqliteStorageOptions { DataDirectory = " " }));
        Assert.Throws<ArgumentException>(() => new SqliteStore(new SqliteStorageOptions { FileName = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteStore(new SqliteStorageOptions { MaxBatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteStore(new SqliteStorageOptions { BusyTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Malformed_commits_are_rejected_before_anything_is_written()
    {
        using var store = _database.OpenStore();
        var grain = NewGrain();
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(
            new GrainCommit([Change(grain, null, "x")], [new JournalAppend(grain, 0, [[1]])], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(
            new GrainCommit([Change(new GrainId(), null, "x")], [], [])));
        Assert.Null(await store.ReadStateAsync(grain, "state"));
    }
}
