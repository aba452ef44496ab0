using System.Text;
using MySql.Data.MySqlClient;
using Shop.Providers.MySql.Schema;
using Shop.Runtime;
using Shop.Runtime.Storage;

using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>Schema creation and upgrades, each test on an empty database of its own.</summary>
public sealed class MySqlSchemaTests
{
    private static readonly string[] Tables =
    [
        "grain_journal", "grain_state", "reminders", "schema_versions",
        "stream_checkpoints", "stream_dead_letters", "stream_events", "stream_queues",
    ];

    [Fact]
    public async Task Stores_starting_concurrently_on_an_empty_database_migrate_it_once()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => new MySqlStore(database.Options())).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = stores.Select(store => Task.Run(async () =>
            {
                await start.Task;
                await store.InitializeAsync();
            })).ToArray();
            start.SetResult();
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal([1], await database.QueryAsync<int>("SELECT version FROM schema_versions ORDER BY version"));
            Assert.Equal(["MySQL-001-Initial.sql"], await database.QueryAsync<string>("SELECT script FROM schema_versions"));
            Assert.Equal(Tables, await TableNamesAsync(database));

            // Every store works on the schema it found.
            var grain = new GrainId("cart", "concurrent-start");
            var eTag = Assert.Single((await stores[0].CommitAsync(new GrainCommit([new StateChange(grain, "state", "T", null, [1])], [], []))).ETags);
            foreach (var store in stores)
            {
                Assert.Equal(eTag, (await store.ReadStateAsync(grain, "state"))?.ETag);
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Starting_again_runs_no_script_and_keeps_the_data()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var grain = new GrainId("cart", "restart");
        await using (var first = new MySqlStore(database.Options()))
        {
            await first.CommitAsync(new GrainCommit([new StateChange(grain, "state", "T", null, [42])], [], []));
        }

        var appliedAt = await database.QueryAsync<DateTime>("SELECT applied_at FROM schema_versions");
        await using (var second = new MySqlStore(database.Options()))
        {
            await second.InitializeAsync();
            Assert.Equal([42], (await second.ReadStateAsync(grain, "state"))?.Payload);
        }

        Assert.Equal(appliedAt, await database.QueryAsync<DateTime>("SELECT applied_at FROM schema_versions"));
    }

    [Fact]
    public async Task A_script_interrupted_half_way_is_run_again_to_completion()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        // As if a starter died after the first statements of script 1 and before recording it.
        var script = MySqlSchema.SplitStatements(ReadScript("MySQL-001-Initial.sql"));
        foreach (var statement in script.Take(2))
        {
            await database.ExecuteAsync(statement);
        }

        await database.ExecuteAsync("INSERT INTO grain_state VALUES ('cart', 'survivor', 'state', 'T', 7, NULL, UTC_TIMESTAMP(3))");

        await using var store = new MySqlStore(database.Options());
        await store.InitializeAsync();

        Assert.Equal([1], await database.QueryAsync<int>("SELECT version FROM schema_versions"));
        Assert.Equal(Tables, await TableNamesAsync(database));
        Assert.Equal("7", (await store.ReadStateAsync(new GrainId("cart", "survivor"), "state"))?.ETag);
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var store = new MySqlStore(database.Options()))
        {
            await store.InitializeAsync();
        }

        await database.ExecuteAsync("INSERT INTO schema_versions VALUES (999, 'MySQL-999-Future.sql', UTC_TIMESTAMP(3))");

        await using var newer = new MySqlStore(database.Options());
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => newer.InitializeAsync());
        Assert.Contains("999", error.Message);
    }

    [Fact]
    public async Task A_commit_stores_its_journal_entries_as_one_row_and_the_entries_view_shows_one_row_each()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var store = new MySqlStore(database.Options());
        var grain = new GrainId("ledger", "view");
        await store.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 1, [Encoding.UTF8.GetBytes("{\"n\":1}"), Encoding.UTF8.GetBytes("\"원\"")])], []));
        await store.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 3, [Encoding.UTF8.GetBytes("[3]")])], []));

        Assert.Equal(["1-2", "3-3"], await database.QueryAsync<string>(
            "SELECT CONCAT(version, '-', last_version) FROM grain_journal WHERE grain_key = 'view' ORDER BY version"));
        Assert.Equal(["1:{\"n\":1}", "2:\"원\"", "3:[3]"], await database.QueryAsync<string>(
            "SELECT CONCAT(version, ':', entry) FROM grain_journal_entries WHERE grain_type = 'ledger' AND grain_key = 'view' ORDER BY version"));
    }

    [Fact]
    public async Task Every_table_is_InnoDB_and_every_text_column_utf8mb4()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var store = new MySqlStore(database.Options()))
        {
            await store.InitializeAsync();
        }

        // MySql.Data cannot read utf8mb3 columns (all of information_schema on MariaDB): convert them.
        var engines = await database.QueryAsync<string>($"""
            SELECT CONVERT(CONCAT(TABLE_NAME, ':', ENGINE, ':', TABLE_COLLATION) USING utf8mb4)
            FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{database.Name}' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME
            """);
        Assert.Equal(Tables.Length, engines.Count);
        Assert.All(engines, table => Assert.Matches(":InnoDB:utf8mb4_", table));

        var charsets = await database.QueryAsync<string>($"""
            SELECT DISTINCT CONVERT(CHARACTER_SET_NAME USING utf8mb4) FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = '{database.Name}' AND CHARACTER_SET_NAME IS NOT NULL AND COLUMN_NAME <> 'event_id'
            """);
        Assert.Equal(["utf8mb4"], charsets);
    }

    [Fact]
    public async Task Four_byte_characters_are_stored_as_utf8mb4_not_mangled()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var store = new MySqlStore(database.Options());
        var grain = new GrainId("장바구니-🛒", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢-😀-👩🏽‍💻");
        await store.CommitAsync(new GrainCommit([new StateChange(grain, "상태✨", "타입-🧩", null, [1, 2, 3])], [], []));

        // The bytes on the server are the UTF-8 of the key: no '?' replacement, no CESU-8 surrogates.
        var hex = Assert.Single(await database.QueryAsync<string>("SELECT HEX(grain_key) FROM grain_state"));
        Assert.Equal(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(grain.Key)), hex);
        Assert.Equal([1, 2, 3], (await store.ReadStateAsync(grain, "상태✨"))?.Payload);
        Assert.Null(await store.ReadStateAsync(grain with { Key = grain.Key.Replace("😀", "😁", StringComparison.Ordinal) }, "상태✨"));
    }

    [Fact]
    public async Task An_unreachable_server_fails_instead_of_skipping()
    {
        var settings = new MySqlConnectionStringBuilder(MySqlTestDatabase.BaseConnectionString) { Port = 1, ConnectionTimeout = 5 };
        await using var store = new MySqlStore(new MySqlStorageOptions { ConnectionString = settings.ConnectionString });
        await Assert.ThrowsAsync<MySqlException>(() => store.InitializeAsync());
    }

    [Fact]
    public void The_schema_lock_name_fits_the_server_limit()
    {
        Assert.Equal("shop_schema:shop", MySqlSchema.LockName("shop"));
        Assert.True(MySqlSchema.LockName(new string('d', 64)).Length <= 64);
        Assert.NotEqual(MySqlSchema.LockName(new string('d', 64)), MySqlSchema.LockName(new string('e', 64)));
    }

    private static async Task<List<string>> TableNamesAsync(MySqlTestDatabase database)
        => await database.QueryAsync<string>($"""
            SELECT CONVERT(TABLE_NAME USING utf8mb4) FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = '{database.Name}' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME
            """);

    private static string ReadScript(string fileName)
    {
        using var stream = typeof(MySqlStore).Assembly.GetManifestResourceStream("Shop.Providers.MySql.Scripts." + fileName)
            ?? throw new InvalidOperationException($"Script {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
