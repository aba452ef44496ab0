using System.Globalization;
using MySqlConnector;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// The query texts our scripts store in <c>OrleansQuery</c>, run directly the way Orleans' ADO.NET providers
/// run them (parameters by name, answers read from the last result set), including the ones a short-lived
/// test silo never reaches (cleanup, deletes, wrapped hash ranges).
/// </summary>
public sealed class OrleansQueryTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 1, 8, 0, 0, 123, DateTimeKind.Utc);

    private MySqlTestDatabase? _database;

    private MySqlTestDatabase Database => _database!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateWithSchemaAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task Every_query_runs_with_the_parameters_orleans_binds()
    {
        foreach (var key in MySqlSchemaTests.OrleansQueryKeys)
        {
            var exception = await Record.ExceptionAsync(() => RunAsync(key, new Dictionary<string, object?>()));
            Assert.True(exception is null, $"{key}: {exception}");
        }
    }

    [Fact]
    public async Task Membership_rows_change_only_at_the_table_version_presented()
    {
        Assert.Equal(1L, await ScalarAsync("InsertMembershipVersionKey", new()));
        Assert.Equal(0L, await ScalarAsync("InsertMembershipVersionKey", new()));

        // A stale table version inserts nothing; the current one inserts and bumps the version.
        Assert.Equal(0L, await ScalarAsync("InsertMembershipKey", new() { ["Version"] = 7 }));
        Assert.Equal(1L, await ScalarAsync("InsertMembershipKey", new() { ["Version"] = 0 }));
        Assert.Equal(0L, await ScalarAsync("InsertMembershipKey", new() { ["Version"] = 1 }));
        Assert.Equal([1], await Database.QueryAsync<int>("SELECT Version FROM OrleansMembershipVersionTable"));
        Assert.Equal([1L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansMembershipTable"));

        Assert.Equal(0L, await ScalarAsync("UpdateMembershipKey", new() { ["Version"] = 0, ["Status"] = 6 }));
        Assert.Equal(0L, await ScalarAsync("UpdateMembershipKey", new() { ["Version"] = 1, ["Port"] = 999 }));
        Assert.Equal(1L, await ScalarAsync("UpdateMembershipKey", new() { ["Version"] = 1, ["Status"] = 6, ["SuspectTimes"] = "x,y" }));
        Assert.Equal([6], await Database.QueryAsync<int>("SELECT Status FROM OrleansMembershipTable"));
        Assert.Equal([2], await Database.QueryAsync<int>("SELECT Version FROM OrleansMembershipVersionTable"));

        var all = await RowsAsync("MembershipReadAllKey", new());
        Assert.Equal(2, Assert.Single(all)["Version"]);
        var missing = await RowsAsync("MembershipReadRowKey", new() { ["Port"] = 999 });
        Assert.Equal(DBNull.Value, Assert.Single(missing)["StartTime"]);

        // Dead and silent since before @IAmAliveTime: removed by the cleanup.
        await RunAsync("CleanupDefunctSiloEntriesKey", new() { ["IAmAliveTime"] = Now.AddHours(1) });
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansMembershipTable"));
        await RunAsync("DeleteMembershipTableEntriesKey", new());
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansMembershipVersionTable"));
    }

    [Fact]
    public async Task Reminders_get_a_new_version_on_every_upsert_and_are_read_by_hash_range()
    {
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("UpsertReminderRowKey", new() { ["GrainHash"] = 100 }), CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(await ScalarAsync("UpsertReminderRowKey", new() { ["GrainHash"] = 100 }), CultureInfo.InvariantCulture));
        await ScalarAsync("UpsertReminderRowKey", new() { ["GrainId"] = "other", ["GrainHash"] = -100 });

        Assert.Single(await RowsAsync("ReadRangeRows1Key", new() { ["BeginHash"] = 0, ["EndHash"] = 100 }));
        Assert.Empty(await RowsAsync("ReadRangeRows1Key", new() { ["BeginHash"] = 100, ["EndHash"] = 200 }));
        Assert.Equal(2, (await RowsAsync("ReadRangeRows2Key", new() { ["BeginHash"] = 50, ["EndHash"] = -50 })).Count);
        Assert.Equal(2, (int)Assert.Single(await RowsAsync("ReadReminderRowKey", new()))["Version"]!);

        Assert.Equal(0L, await ScalarAsync("DeleteReminderRowKey", new() { ["Version"] = 1 }));
        Assert.Equal(1L, await ScalarAsync("DeleteReminderRowKey", new() { ["Version"] = 2 }));
        await RunAsync("DeleteReminderRowsKey", new());
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansRemindersTable"));
    }

    [Fact]
    public async Task Grain_storage_writes_answer_the_new_version_or_a_conflict()
    {
        Assert.Equal(1L, await ScalarAsync("WriteToStorageKey", new()));
        Assert.Equal(DBNull.Value, await ScalarAsync("WriteToStorageKey", new()));
        Assert.Equal(1L, await ScalarAsync("WriteToStorageKey", new() { ["GrainIdExtensionString"] = "ext" }));
        Assert.Equal(2L, await ScalarAsync("WriteToStorageKey", new() { ["GrainStateVersion"] = 1 }));
        Assert.Equal(1L, await ScalarAsync("WriteToStorageKey", new() { ["GrainStateVersion"] = 1 }));
        Assert.Equal(2L, Convert.ToInt64((await RowsAsync("ReadFromStorageKey", new()))[0]["Version"], CultureInfo.InvariantCulture));

        Assert.Equal(3L, await ScalarAsync("ClearStorageKey", new() { ["GrainStateVersion"] = 2 }));
        Assert.Equal(DBNull.Value, (await RowsAsync("ReadFromStorageKey", new()))[0]["PayloadBinary"]);
        // Success answers the presented version plus one, a miss the presented version itself.
        Assert.Equal(4L, await ScalarAsync("DeleteStorageKey", new() { ["GrainStateVersion"] = 3 }));
        Assert.Equal(3L, await ScalarAsync("DeleteStorageKey", new() { ["GrainStateVersion"] = 3 }));
        Assert.Empty(await RowsAsync("ReadFromStorageKey", new()));
        Assert.Single(await RowsAsync("ReadFromStorageKey", new() { ["GrainIdExtensionString"] = "ext" }));
    }

    /// <summary>Default values for every parameter any query uses; <paramref name="overrides"/> replace some.</summary>
    private static Dictionary<string, object?> Parameters(Dictionary<string, object?> overrides)
    {
        var values = new Dictionary<string, object?>
        {
            ["DeploymentId"] = "cluster", ["Address"] = "10.0.0.1", ["Port"] = 11111, ["Generation"] = 42, ["SiloName"] = "silo",
            ["HostName"] = "host", ["Status"] = 3, ["ProxyPort"] = 30000, ["StartTime"] = Now, ["IAmAliveTime"] = Now,
            ["Version"] = 0, ["SuspectTimes"] = null, ["ServiceId"] = "service", ["GrainId"] = "grain/1", ["ReminderName"] = "r",
            ["Period"] = 60_000L, ["GrainHash"] = 1, ["BeginHash"] = 0, ["EndHash"] = 10, ["GrainIdHash"] = 7, ["GrainIdN0"] = 1L,
            ["GrainIdN1"] = 2L, ["GrainTypeHash"] = 9, ["GrainTypeString"] = "type", ["GrainIdExtensionString"] = null,
            ["GrainStateVersion"] = null, ["PayloadBinary"] = "{}"u8.ToArray(),
            // Streams.
            ["ProviderId"] = "provider", ["QueueId"] = "queue-0", ["Payload"] = new byte[] { 1, 2, 3 }, ["ExpiryTimeout"] = 600,
            ["MaxCount"] = 10, ["MaxAttempts"] = 5, ["VisibilityTimeout"] = 60, ["RemovalTimeout"] = 3600, ["EvictionInterval"] = 10,
            ["EvictionBatchSize"] = 100, ["MessageId"] = 1L, ["Items"] = "1:1|2:-1",
        };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return values;
    }

    private async Task<List<Dictionary<string, object?>>> RowsAsync(string key, Dictionary<string, object?> overrides)
    {
        await using var connection = new MySqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = await QueryTextAsync(connection, key);
        foreach (var (name, value) in Parameters(overrides))
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        // As Orleans reads them: every row of every result set.
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }

    private Task RunAsync(string key, Dictionary<string, object?> overrides) => RowsAsync(key, overrides);

    /// <summary>The single value a query answers with (Orleans reads one row, first column).</summary>
    private async Task<object?> ScalarAsync(string key, Dictionary<string, object?> overrides)
    {
        var rows = await RowsAsync(key, overrides);
        var value = Assert.Single(Assert.Single(rows).Values);
        return value is int or long or ulong or uint ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : value;
    }

    private static async Task<string> QueryTextAsync(MySqlConnection connection, string key)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        command.Parameters.AddWithValue("@key", key);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No query {key}."));
    }
}
