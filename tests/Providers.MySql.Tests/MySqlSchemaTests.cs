using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>Creating and upgrading the schema: our tables and the tables and queries of Orleans' ADO.NET providers.</summary>
public sealed class MySqlSchemaTests : IAsyncLifetime
{
    /// <summary>Every query key Orleans' ADO.NET clustering, reminder and grain storage providers look up.</summary>
    public static readonly string[] OrleansQueryKeys =
    [
        // Clustering (silos) and the gateway list (clients).
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        // Reminders.
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        // Grain storage.
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // Streams (MySQL-006).
        "QueueStreamMessageKey", "GetStreamMessagesKey", "ConfirmStreamMessagesKey", "FailStreamMessageKey",
        "EvictStreamMessagesKey", "EvictStreamDeadLettersKey",
    ];

    private static readonly string[] Tables =
    [
        "schema_versions", "grain_state", "grain_journal", "grain_journal_snapshots", "OrleansQuery", "OrleansMembershipVersionTable",
        "OrleansMembershipTable", "OrleansRemindersTable", "OrleansStorage",
        "OrleansStreamMessage", "OrleansStreamDeadLetter", "OrleansStreamControl", "grain_outbox", "failed_events",
    ];

    private MySqlTestDatabase? _database;

    private MySqlTestDatabase Database => _database!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task A_fresh_database_gets_every_table_view_and_orleans_query()
    {
        await MySqlSchema.EnsureAsync(Database.ConnectionString);

        var tables = await Database.QueryAsync<string>(
            $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database.Name}' AND TABLE_TYPE = 'BASE TABLE'");
        Assert.Equal(Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(["grain_journal_entries"], await Database.QueryAsync<string>(
            $"SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '{Database.Name}'"));
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), (await Database.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery")).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, MySqlSchema.LatestVersion), await Database.QueryAsync<int>("SELECT version FROM schema_versions ORDER BY version"));
        // No stored programs: the migrator runs plain statements only.
        Assert.Equal([0L], await Database.QueryAsync<long>($"SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Database.Name}'"));
    }

    [Fact]
    public async Task Running_it_again_changes_nothing()
    {
        await MySqlSchema.EnsureAsync(Database.ConnectionString);
        var before = await SnapshotAsync();

        var ran = await MySqlSchema.MigrateAsync(Database.ConnectionString, TimeSpan.FromMinutes(1), CancellationToken.None);
        await MySqlSchema.EnsureAsync(Database.ConnectionString);

        Assert.Empty(ran);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Several_processes_starting_at_once_apply_each_script_exactly_once()
    {
        var starts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => MySqlSchema.EnsureAsync(Database.ConnectionString))).ToArray();

        await Task.WhenAll(starts);

        Assert.Equal(Enumerable.Range(1, MySqlSchema.LatestVersion), await Database.QueryAsync<int>("SELECT version FROM schema_versions ORDER BY version"));
        Assert.Equal([(long)OrleansQueryKeys.Length], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task A_database_at_version_1_of_an_earlier_build_is_upgraded_and_loses_the_retired_tables()
    {
        // What the retired runtime's build left: version 1 applied (its stream and reminder tables included),
        // a grain state, and a journal snapshot in its old place.
        var first = MySqlSchema.AllScripts[0];
        foreach (var statement in first.Statements)
        {
            await Database.ExecuteAsync(statement);
        }

        await Database.ExecuteAsync("""
            CREATE TABLE schema_versions (version INT NOT NULL, script VARCHAR(200) NOT NULL, applied_at DATETIME(3) NOT NULL, PRIMARY KEY (version));
            INSERT INTO schema_versions VALUES (1, 'MySQL-001-Initial.sql', UTC_TIMESTAMP(3));
            INSERT INTO grain_state VALUES ('cart', 'kept', 'state', 'T', 3, 0x7B7D, UTC_TIMESTAMP(3));
            INSERT INTO grain_state VALUES ('sku', 's1', 'journal', 'Snapshot', 1, 0x7B7D, UTC_TIMESTAMP(3));
            """);

        await MySqlSchema.EnsureAsync(Database.ConnectionString);

        var tables = await Database.QueryAsync<string>(
            $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database.Name}' AND TABLE_TYPE = 'BASE TABLE'");
        Assert.Equal(Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal([3L], await Database.QueryAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'kept'"));
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM grain_state WHERE state_name = 'journal'"));
    }

    [Fact]
    public async Task A_database_upgraded_by_a_newer_build_is_refused()
    {
        await MySqlSchema.EnsureAsync(Database.ConnectionString);
        await Database.ExecuteAsync("INSERT INTO schema_versions VALUES (999, 'MySQL-999-Future.sql', UTC_TIMESTAMP(3))");

        await Assert.ThrowsAsync<NotSupportedException>(() => MySqlSchema.EnsureAsync(Database.ConnectionString));
    }

    [Fact]
    public async Task A_store_opening_an_empty_database_creates_the_schema_itself()
    {
        await using var store = new MySqlStore(Database.Options());

        await store.InitializeAsync();

        Assert.Equal(Enumerable.Range(1, MySqlSchema.LatestVersion), await Database.QueryAsync<int>("SELECT version FROM schema_versions ORDER BY version"));
    }

    [Fact]
    public void Statements_end_at_a_line_final_semicolon_outside_quoted_text()
    {
        var statements = ScriptSplitter.Split("""
            -- a comment; with a semicolon;
            CREATE TABLE t (a INT);
            INSERT INTO q VALUES ('k', '
            -- kept: inside the quoted text
            SELECT 1;
            SELECT ''it''''s'';
            SELECT \'x\';
            ') ON DUPLICATE KEY UPDATE v = VALUES(v);

            DROP TABLE IF EXISTS old;
            """);

        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE TABLE t (a INT)", statements[0]);
        Assert.Contains("-- kept: inside the quoted text\nSELECT 1;\n", statements[1], StringComparison.Ordinal);
        Assert.EndsWith("ON DUPLICATE KEY UPDATE v = VALUES(v)", statements[1], StringComparison.Ordinal);
        Assert.Equal("DROP TABLE IF EXISTS old", statements[2]);
    }

    [Fact]
    public void A_script_that_ends_inside_quoted_text_or_without_a_semicolon_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => ScriptSplitter.Split("INSERT INTO q VALUES ('open;\n"));
        Assert.Throws<InvalidOperationException>(() => ScriptSplitter.Split("SELECT 1\n"));
    }

    /// <summary>Every table's checksum, the query texts and the applied versions.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var table in Tables)
        {
            parts.AddRange(await Database.QueryAsync<string>($"SELECT CONCAT('{table}', ':', COUNT(*)) FROM `{table}`"));
        }

        parts.AddRange(await Database.QueryAsync<string>("SELECT CONCAT(QueryKey, '=', MD5(QueryText)) FROM OrleansQuery ORDER BY QueryKey"));
        parts.AddRange(await Database.QueryAsync<string>("SELECT CONCAT(version, '@', applied_at) FROM schema_versions ORDER BY version"));
        parts.AddRange(await Database.QueryAsync<string>(
            $"SELECT CONCAT(TABLE_NAME, ':', COALESCE(CREATE_TIME, '')) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database.Name}' ORDER BY TABLE_NAME"));
        return string.Join("\n", parts);
    }
}
