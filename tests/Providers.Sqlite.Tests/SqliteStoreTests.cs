using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Shop.Journaling;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>Behaviour of the SQLite store that the provider-neutral conformance suites cannot see.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static GrainId NewGrain(string type = "cart") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    private static GrainState<Note> NewNote(string text, string? eTag = null) => new(new Note { Text = text }, eTag);

    private static async Task<string> WriteAsync(IGrainStorage storage, GrainId grain, string? eTag, string text)
    {
        var state = NewNote(text, eTag);
        await storage.WriteStateAsync("state", grain, state);
        return state.ETag!;
    }

    private static async Task<GrainState<Note>> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<Note>(new Note());
        await storage.ReadStateAsync("state", grain, state);
        return state;
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

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
        Assert.Equal(2, pragmas.Synchronous); // 2 = FULL: a commit is on disk before it is acknowledged
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
            await WriteAsync(new SqliteGrainStorage(store), NewGrain(), null, "x");
            Assert.Equal(Path.Combine(nested.DataDirectory, "orders.sqlite"), store.DatabasePath);
        }

        Assert.True(File.Exists(Path.Combine(nested.DataDirectory, "orders.sqlite")));
        var defaults = new SqliteStorageOptions();
        Assert.Equal("./data", defaults.DataDirectory);
        Assert.Equal("shop.db", defaults.FileName);
        Assert.Equal(Path.Combine("./data", "shop.db"), defaults.DatabasePath);
        Assert.Equal(256, defaults.MaxBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.BusyTimeout);
        Assert.Null(defaults.GrainStorageSerializer);
    }

    [Fact]
    public async Task Grain_state_is_stored_as_camel_case_json_with_the_version_as_etag()
    {
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var grain = NewGrain();
        var first = await WriteAsync(storage, grain, null, "원 ✓");
        var second = await WriteAsync(storage, grain, first, "two");

        Assert.Equal(("1", "2"), (first, second));
        using var raw = OpenRaw();
        var key = grain.Key.ToString()!;
        Assert.Equal("{\"text\":\"two\"}", Encoding.UTF8.GetString((byte[])Scalar(raw, "SELECT payload FROM grain_state WHERE grain_key = $k;", ("$k", key))!));
        Assert.Equal(typeof(Note).FullName, Scalar(raw, "SELECT state_type FROM grain_state WHERE grain_key = $k;", ("$k", key)));
        Assert.Equal("cart", Scalar(raw, "SELECT grain_type FROM grain_state WHERE grain_key = $k;", ("$k", key)));

        // A clear keeps the row with a NULL payload and a higher version.
        await storage.ClearStateAsync("state", grain, NewNote("two", second));
        Assert.Equal(3L, Scalar(raw, "SELECT version FROM grain_state WHERE grain_key = $k;", ("$k", key)));
        Assert.Equal(DBNull.Value, Scalar(raw, "SELECT payload FROM grain_state WHERE grain_key = $k;", ("$k", key)));
        var read = await ReadAsync(storage, grain);
        Assert.Equal("3", read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_state_conflict_reports_the_stored_and_the_presented_etag()
    {
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var grain = NewGrain();
        var first = await WriteAsync(storage, grain, null, "v1");
        var second = await WriteAsync(storage, grain, first, "v2");

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, first, "stale"));
        Assert.Equal(second, stale.StoredEtag);
        Assert.Equal(first, stale.CurrentEtag);

        var insert = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, null, "insert"));
        Assert.Equal(second, insert.StoredEtag);
        Assert.Null(insert.CurrentEtag);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_committed_data_and_conflicts_with_the_first()
    {
        var grain = NewGrain();
        using var first = _database.OpenStore();
        using var second = _database.OpenStore();
        var eTag = await WriteAsync(new SqliteGrainStorage(first), grain, null, "from first");

        var seen = await ReadAsync(new SqliteGrainStorage(second), grain);
        Assert.Equal(eTag, seen.ETag);
        Assert.Equal("from first", seen.State!.Text);

        var secondETag = await WriteAsync(new SqliteGrainStorage(second), grain, eTag, "from second");
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(new SqliteGrainStorage(first), grain, eTag, "stale first"));
        Assert.Equal(secondETag, (await ReadAsync(new SqliteGrainStorage(first), grain)).ETag);

        // The journal version check holds across stores (processes) on one file too.
        var ledger = NewGrain("ledger");
        await new SqliteJournalStorage(first).AppendAsync(ledger, 0, ["1"u8.ToArray()], null);
        await Assert.ThrowsAsync<InconsistentStateException>(() => new SqliteJournalStorage(second).AppendAsync(ledger, 0, ["2"u8.ToArray()], null));
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_and_the_schema_is_created_once()
    {
        var grain = NewGrain();
        var ledger = NewGrain("ledger");
        string eTag;
        await using (var store = _database.OpenStore())
        {
            eTag = await WriteAsync(new SqliteGrainStorage(store), grain, null, "durable");
            await new SqliteJournalStorage(store).AppendAsync(ledger, 0, ["{\"n\":1}"u8.ToArray()], new JournalSnapshot(1, "{\"s\":1}"u8.ToArray()));
            await new SqliteReminderTable(store).UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        }

        // Reopened one after another, then by several stores at once: creating the schema must be idempotent.
        await using (var store = _database.OpenStore())
        {
            Assert.Equal(eTag, (await ReadAsync(new SqliteGrainStorage(store), grain)).ETag);
            var journal = await new SqliteJournalStorage(store).ReadAsync(ledger);
            Assert.Equal(1, journal.Snapshot?.Version);
            Assert.Empty(journal.Entries);
            Assert.NotNull(await new SqliteReminderTable(store).ReadRow(grain, "r"));
        }

        var concurrent = Enumerable.Range(0, 4).Select(_ => _database.OpenStore()).ToArray();
        await Task.WhenAll(concurrent.Select(store => Task.Run(() => store.InitializeAsync()))).WaitAsync(WaitLimit);
        foreach (var store in concurrent)
        {
            Assert.Equal("durable", (await ReadAsync(new SqliteGrainStorage(store), grain)).State!.Text);
            await store.DisposeAsync();
        }

        using var raw = OpenRaw();
        Assert.Equal((long)Shop.Providers.Sqlite.Schema.SqliteSchema.LatestVersion, Scalar(raw, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal((long)Shop.Providers.Sqlite.Schema.SqliteSchema.LatestVersion, Scalar(raw, "SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task The_schema_has_the_project_s_tables_and_no_leftovers()
    {
        using var store = _database.OpenStore();
        await store.InitializeAsync();

        using var raw = OpenRaw();
        Assert.Equal(
            "failed_events,grain_journal,grain_journal_entries,grain_journal_snapshots,grain_outbox,grain_state,reminders,schema_version,stream_messages",
            Scalar(raw, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name);"));
    }

    [Fact]
    public async Task A_database_of_the_retired_runtime_is_upgraded_keeping_its_state_and_journals()
    {
        // Schema version 1 as the retired runtime's build left it, with a state, a journal and its old snapshot row.
        Directory.CreateDirectory(Path.GetDirectoryName(_database.FilePath)!);
        using (var raw = OpenRaw())
        {
            using var resource = typeof(SqliteStore).Assembly.GetManifestResourceStream("Shop.Providers.Sqlite.Schema.0001_initial.sql")!;
            Scalar(raw, new StreamReader(resource).ReadToEnd());
            Scalar(raw, """
                CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, 0);
                INSERT INTO grain_state VALUES ('cart', 'c1', 'state', 'Note', 4, CAST('{"text":"kept"}' AS BLOB), 0);
                INSERT INTO grain_state VALUES ('sku', 's1', 'journal', 'Snapshot', 1, CAST('{"version":1,"state":{}}' AS BLOB), 0);
                INSERT INTO grain_journal VALUES ('sku', 's1', 1, 1, CAST('[{"kind":4}]' AS BLOB), 0);
                INSERT INTO stream_queues VALUES (0, 7);
                """);
        }

        await using var store = _database.OpenStore();
        await store.InitializeAsync();

        var kept = await ReadAsync(new SqliteGrainStorage(store), GrainId.Create("cart", "c1"));
        Assert.Equal(("kept", "4"), (kept.State?.Text, kept.ETag));
        var journal = await new SqliteJournalStorage(store).ReadAsync(GrainId.Create("sku", "s1"));
        Assert.Null(journal.Snapshot);
        Assert.Equal("{\"kind\":4}", Encoding.UTF8.GetString(Assert.Single(journal.Entries).Payload));

        using var check = OpenRaw();
        Assert.Equal(0L, Scalar(check, "SELECT COUNT(*) FROM grain_state WHERE state_name = 'journal';"));
        Assert.Equal(0L, Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('stream_queues', 'stream_events', 'stream_checkpoints', 'stream_dead_letters');"));
        Assert.Equal((long)Shop.Providers.Sqlite.Schema.SqliteSchema.LatestVersion, Scalar(check, "SELECT MAX(version) FROM schema_version;"));
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
        await Assert.ThrowsAsync<NotSupportedException>(() => ReadAsync(new SqliteGrainStorage(newer), NewGrain()));
        await Assert.ThrowsAsync<NotSupportedException>(() => newer.InitializeAsync());
    }

    [Fact]
    public async Task An_append_is_one_row_with_its_snapshot_and_the_entries_view_shows_one_row_per_entry()
    {
        using var store = _database.OpenStore();
        var journal = new SqliteJournalStorage(store);
        var grain = NewGrain("sku");
        await journal.AppendAsync(grain, 0, ["{\"n\":1}"u8.ToArray(), Encoding.UTF8.GetBytes("\"원\"")], null);
        await journal.AppendAsync(grain, 2, ["[3]"u8.ToArray()], new JournalSnapshot(3, "{\"total\":3}"u8.ToArray()));

        using var raw = OpenRaw();
        var key = ("$k", (object)grain.Key.ToString()!);
        Assert.Equal(2L, Scalar(raw, "SELECT COUNT(*) FROM grain_journal WHERE grain_key = $k;", key));
        Assert.Equal(2L, Scalar(raw, "SELECT last_version FROM grain_journal WHERE grain_key = $k AND version = 1;", key));
        Assert.Equal(
            "1:{\"n\":1}|2:원|3:[3]",
            Scalar(raw, "SELECT group_concat(version || ':' || entry, '|') FROM (SELECT version, entry FROM grain_journal_entries WHERE grain_key = $k ORDER BY version);", key));
        Assert.Equal(3L, Scalar(raw, "SELECT version FROM grain_journal_snapshots WHERE grain_key = $k;", key));
    }

    [Theory]
    [InlineData("line-1")]
    [InlineData(" \"padded\"")]
    [InlineData("{\"a\":1} ")]
    [InlineData("1 2")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public async Task A_journal_entry_that_is_not_one_JSON_value_is_refused_and_nothing_of_its_append_is_stored(string entry)
    {
        using var store = _database.OpenStore();
        var journal = new SqliteJournalStorage(store);
        var grain = NewGrain("ledger");

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(grain, 0, ["\"fine\""u8.ToArray(), Encoding.UTF8.GetBytes(entry)], null));

        Assert.Empty(await journal.ReadEntriesAsync(grain, 0));
    }

    [Fact]
    public async Task A_snapshot_of_no_version_or_beyond_the_last_appended_is_refused()
    {
        using var store = _database.OpenStore();
        var journal = new SqliteJournalStorage(store);
        var grain = NewGrain("ledger");

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(grain, 0, ["1"u8.ToArray(), "2"u8.ToArray()], new JournalSnapshot(3, "{}"u8.ToArray())));
        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(grain, 0, ["1"u8.ToArray(), "2"u8.ToArray()], new JournalSnapshot(0, "{}"u8.ToArray())));

        Assert.Empty(await journal.ReadEntriesAsync(grain, 0));
    }

    [Fact]
    public async Task Concurrent_writes_share_one_transaction_and_a_conflict_fails_only_its_own_caller()
    {
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var journal = new SqliteJournalStorage(store);
        var stale = NewGrain();
        var staleETag = await WriteAsync(storage, stale, null, "v1");
        await WriteAsync(storage, stale, staleETag, "v2");
        var grains = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToArray();
        var ledger = NewGrain("ledger");

        var (held, gate) = await HoldWriterAsync(store);
        var batchesBefore = store.CommittedBatches;
        // All of these queue up behind the held batch and so are drained into a single next batch.
        var writes = grains.Select(grain => WriteAsync(storage, grain, null, grain.Key.ToString()!)).ToList();
        var appended = journal.AppendAsync(ledger, 0, ["1"u8.ToArray(), "2"u8.ToArray()], null);
        var conflicting = WriteAsync(storage, stale, staleETag, "stale");
        var gapped = journal.AppendAsync(NewGrain("ledger"), 5, ["6"u8.ToArray()], null);
        Assert.All(writes, write => Assert.False(write.IsCompleted));
        Assert.False(appended.IsCompleted);
        gate.Set();
        Assert.True(await held);

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting.WaitAsync(WaitLimit));
        await Assert.ThrowsAsync<InconsistentStateException>(() => gapped.WaitAsync(WaitLimit));
        await Task.WhenAll(writes).WaitAsync(WaitLimit);
        await appended.WaitAsync(WaitLimit);

        Assert.Equal(batchesBefore + 2, store.CommittedBatches); // the held batch, then everything queued behind it
        foreach (var grain in grains)
        {
            Assert.Equal(grain.Key.ToString(), (await ReadAsync(storage, grain)).State!.Text);
        }

        Assert.Equal("v2", (await ReadAsync(storage, stale)).State!.Text);
        Assert.Equal(2, (await journal.ReadEntriesAsync(ledger, 0)).Count);
    }

    [Fact]
    public async Task An_unexpected_error_in_one_operation_of_a_batch_fails_only_that_operation()
    {
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var grains = Enumerable.Range(0, 6).Select(_ => NewGrain()).ToArray();

        var (held, gate) = await HoldWriterAsync(store);
        var before = grains.Take(3).Select(grain => WriteAsync(storage, grain, null, "x")).ToList();
        var broken = store.ExecuteWriteAsync<int>(context =>
        {
            using var command = context.Connection.CreateCommand();
            command.CommandText = "INSERT INTO no_such_table VALUES (1);";
            return command.ExecuteNonQuery();
        });
        var after = grains.Skip(3).Select(grain => WriteAsync(storage, grain, null, "x")).ToList();
        gate.Set();
        await held;

        await Assert.ThrowsAsync<SqliteException>(() => broken.WaitAsync(WaitLimit));
        await Task.WhenAll(before.Concat(after)).WaitAsync(WaitLimit);
        foreach (var grain in grains)
        {
            Assert.True((await ReadAsync(storage, grain)).RecordExists);
        }
    }

    [Fact]
    public async Task A_write_canceled_while_queued_is_not_written()
    {
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var grain = NewGrain();
        using var cancel = new CancellationTokenSource();

        var (held, gate) = await HoldWriterAsync(store);
        var write = storage.WriteStateAsync("state", grain, NewNote("canceled"), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(WaitLimit));
        gate.Set();
        await held;

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
        await WriteAsync(storage, grain, null, "later");
    }

    [Fact]
    public async Task Disposing_finishes_queued_writes_closes_the_file_and_rejects_further_use()
    {
        var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store);
        var grain = NewGrain();
        await WriteAsync(storage, grain, null, "v1");
        var (held, gate) = await HoldWriterAsync(store);
        var queued = WriteAsync(storage, NewGrain(), null, "queued");

        var disposing = store.DisposeAsync().AsTask();
        gate.Set();
        await held;
        await disposing.WaitAsync(WaitLimit);

        Assert.Equal("1", await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ReadAsync(storage, grain));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(storage, grain, "1", "v2"));
        store.Dispose();
        // The last connection to close checkpoints the WAL into the file and removes it: nothing is left open.
        Assert.False(File.Exists(_database.FilePath + "-wal"));
    }

    [Fact]
    public async Task The_registration_methods_share_one_store_for_grain_storage_journal_and_reminders()
    {
        var services = new ServiceCollection().AddLogging();
        var builder = new TestSiloBuilder(services);
        builder.AddSqliteStorage(options =>
        {
            options.DataDirectory = _database.Directory;
            options.FileName = "silo.db";
        });
        builder.AddSqliteStorage(_ => { }); // a second call must not add a second store on the file
        builder.UseSqliteReminderService();

        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<SqliteStore>();
            var storage = provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            Assert.IsType<SqliteGrainStorage>(storage);
            Assert.Same(storage, provider.GetRequiredService<IGrainStorage>());
            Assert.Single(provider.GetServices<IJournalStorage>());
            Assert.IsType<SqliteJournalStorage>(provider.GetRequiredService<IJournalStorage>());
            Assert.IsType<SqliteReminderTable>(provider.GetRequiredService<IReminderTable>());
            Assert.Single(provider.GetServices<SqliteStore>());
            Assert.Equal(Path.Combine(Path.GetFullPath(_database.Directory), "silo.db"), store.DatabasePath);

            await WriteAsync(storage, NewGrain(), null, "x");
            await provider.GetRequiredService<IReminderTable>().StartAsync();
        }

        Assert.True(File.Exists(Path.Combine(_database.Directory, "silo.db")));
        Assert.False(File.Exists(Path.Combine(_database.Directory, "silo.db-wal")));
    }

    [Fact]
    public async Task A_configured_serializer_is_used_for_grain_state()
    {
        var serializer = new UpperCaseSerializer();
        using var store = _database.OpenStore();
        var storage = new SqliteGrainStorage(store, serializer);
        var grain = NewGrain();

        await WriteAsync(storage, grain, null, "abc");

        Assert.Equal("ABC", (await ReadAsync(storage, grain)).State!.Text);
        Assert.Equal(1, serializer.Serialized);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteStore(new SqliteStorageOptions { DataDirectory = " " }));
        Assert.Throws<ArgumentException>(() => new SqliteStore(new SqliteStorageOptions { FileName = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteStore(new SqliteStorageOptions { MaxBatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteStore(new SqliteStorageOptions { BusyTimeout = TimeSpan.Zero }));
    }

    public sealed class Note
    {
        public string Text { get; set; } = "";
    }

    /// <summary>Stores the text upper-cased, to show which serializer wrote a state.</summary>
    private sealed class UpperCaseSerializer : IGrainStorageSerializer
    {
        public int Serialized { get; private set; }

        public BinaryData Serialize<T>(T? input)
        {
            Serialized++;
            return BinaryData.FromString(((Note)(object)input!).Text.ToUpperInvariant());
        }

        public T? Deserialize<T>(BinaryData input) => (T)(object)new Note { Text = input.ToString() };
    }
}
