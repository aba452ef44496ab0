using MySqlConnector;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests.Streams;

/// <summary>
/// The stream query texts of MySQL-006 run directly, as Orleans' ADO.NET stream provider runs them (parameters by
/// name, rows of every result set), including the paths a short test cluster rarely takes (release, failure,
/// eviction to dead letters).
/// </summary>
public sealed class MySqlStreamQueryTests : IAsyncLifetime
{
    private MySqlTestDatabase? _database;

    private MySqlTestDatabase Database => _database!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateWithSchemaAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task The_schema_creates_the_stream_tables_and_every_stream_query_the_provider_requires()
    {
        var tables = await Database.QueryAsync<string>(
            $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database.Name}' AND TABLE_NAME LIKE 'OrleansStream%' ORDER BY TABLE_NAME");
        Assert.Equal(["OrleansStreamControl", "OrleansStreamDeadLetter", "OrleansStreamMessage"], tables);
        var keys = await Database.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery WHERE QueryKey LIKE '%Stream%' ORDER BY QueryKey");
        Assert.Equal(
            ["ConfirmStreamMessagesKey", "EvictStreamDeadLettersKey", "EvictStreamMessagesKey", "FailStreamMessageKey", "GetStreamMessagesKey", "QueueStreamMessageKey"],
            keys);
    }

    [Fact]
    public async Task Messages_are_dequeued_in_order_hidden_while_in_flight_and_deleted_only_by_a_matching_receipt()
    {
        var first = await EnqueueAsync([1]);
        var second = await EnqueueAsync([2]);
        Assert.True(second > first);

        var batch = await DequeueAsync();
        Assert.Equal([first, second], batch.Select(r => (long)r["MessageId"]!));
        Assert.All(batch, r => Assert.Equal(1, r["Dequeued"]));
        Assert.Equal(new byte[] { 1 }, batch[0]["Payload"]);
        Assert.IsType<string>(batch[0]["QueueId"]);
        Assert.IsType<DateTime>(batch[0]["ExpiresOn"]);
        Assert.Empty(await DequeueAsync());

        // A stale receipt confirms nothing; the right one deletes exactly that message.
        Assert.Empty(await RowsAsync("ConfirmStreamMessagesKey", new() { ["Items"] = $"{first}:7" }));
        var acked = await RowsAsync("ConfirmStreamMessagesKey", new() { ["Items"] = $"{first}:1" });
        Assert.Equal([first], acked.Select(r => (long)r["MessageId"]!));
        Assert.Equal([second], await Database.QueryAsync<long>("SELECT MessageId FROM OrleansStreamMessage"));
    }

    [Fact]
    public async Task A_negative_receipt_releases_a_message_for_immediate_redelivery()
    {
        var id = await EnqueueAsync([9]);
        Assert.Single(await DequeueAsync());

        var released = await RowsAsync("ConfirmStreamMessagesKey", new() { ["Items"] = $"{id}:-1" });

        Assert.Equal([id], released.Select(r => (long)r["MessageId"]!));
        var again = Assert.Single(await DequeueAsync());
        Assert.Equal(2, again["Dequeued"]);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_while_attempts_remain_then_moved_to_dead_letters()
    {
        var id = await EnqueueAsync([5]);
        Assert.Single(await DequeueAsync(maxAttempts: 2));

        await RowsAsync("FailStreamMessageKey", new() { ["MessageId"] = id, ["MaxAttempts"] = 2 });
        Assert.Equal(2, Assert.Single(await DequeueAsync(maxAttempts: 2))["Dequeued"]);
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansStreamDeadLetter"));

        await RowsAsync("FailStreamMessageKey", new() { ["MessageId"] = id, ["MaxAttempts"] = 2 });
        Assert.Equal([id], await Database.QueryAsync<long>("SELECT MessageId FROM OrleansStreamDeadLetter"));
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansStreamMessage"));
    }

    [Fact]
    public async Task Spent_and_expired_messages_are_evicted_to_dead_letters_by_the_dequeue_when_eviction_is_due()
    {
        var spent = await EnqueueAsync([1]);
        var expired = await EnqueueAsync([2]);
        var fresh = await EnqueueAsync([3]);
        await Database.ExecuteAsync($"UPDATE OrleansStreamMessage SET Dequeued = 5 WHERE MessageId = {spent}");
        await Database.ExecuteAsync($"UPDATE OrleansStreamMessage SET ExpiresOn = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE MessageId = {expired}");

        var batch = await DequeueAsync();

        Assert.Equal([fresh], batch.Select(r => (long)r["MessageId"]!));
        Assert.Equal([spent, expired], await Database.QueryAsync<long>("SELECT MessageId FROM OrleansStreamDeadLetter ORDER BY MessageId"));
        Assert.Equal([fresh], await Database.QueryAsync<long>("SELECT MessageId FROM OrleansStreamMessage"));

        // Dead letters past their RemoveOn go, by the standalone query too.
        await Database.ExecuteAsync("UPDATE OrleansStreamDeadLetter SET RemoveOn = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND");
        await RowsAsync("EvictStreamDeadLettersKey", new());
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansStreamDeadLetter"));
        await RowsAsync("EvictStreamMessagesKey", new());
        Assert.Equal([fresh], await Database.QueryAsync<long>("SELECT MessageId FROM OrleansStreamMessage"));
    }

    private async Task<long> EnqueueAsync(byte[] payload)
    {
        var row = Assert.Single(await RowsAsync("QueueStreamMessageKey", new() { ["Payload"] = payload }));
        Assert.Equal(("service", "provider", "queue-0"), ((string)row["ServiceId"]!, (string)row["ProviderId"]!, (string)row["QueueId"]!));
        return (long)row["MessageId"]!;
    }

    private Task<List<Dictionary<string, object?>>> DequeueAsync(int maxAttempts = 5)
        => RowsAsync("GetStreamMessagesKey", new() { ["MaxAttempts"] = maxAttempts });

    private static Dictionary<string, object?> Parameters(Dictionary<string, object?> overrides)
    {
        var values = new Dictionary<string, object?>
        {
            ["ServiceId"] = "service", ["ProviderId"] = "provider", ["QueueId"] = "queue-0", ["Payload"] = new byte[] { 0 },
            ["ExpiryTimeout"] = 600, ["MaxCount"] = 10, ["MaxAttempts"] = 5, ["VisibilityTimeout"] = 60, ["RemovalTimeout"] = 3600,
            ["EvictionInterval"] = 10, ["EvictionBatchSize"] = 100, ["MessageId"] = 0L, ["Items"] = "0:0",
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
        string text;
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
            query.Parameters.AddWithValue("@key", key);
            text = (string)(await query.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No query {key}."));
        }

        await using var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in Parameters(overrides))
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

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
}
