using MySql.Data.MySqlClient;

using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// Holds the lock on one queue's <c>stream_queues</c> row from a connection of its own, so that a group
/// commit appending to that queue stops there, until <see cref="ReleaseAsync"/>. Meanwhile further
/// commits queue up behind it and are guaranteed to form the next batch together.
/// </summary>
public sealed class QueueRowBlocker : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly MySqlTestDatabase _database;

    private QueueRowBlocker(MySqlConnection connection, MySqlTestDatabase database)
    {
        _connection = connection;
        _database = database;
    }

    public static async Task<QueueRowBlocker> HoldAsync(MySqlTestDatabase database, int queue)
    {
        var settings = new MySqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SET character_set_results = utf8mb4;
            START TRANSACTION;
            INSERT INTO stream_queues (queue_id, last_sequence) VALUES (@queue, 0)
            ON DUPLICATE KEY UPDATE last_sequence = last_sequence;
            """;
        command.Parameters.AddWithValue("@queue", queue);
        await command.ExecuteNonQueryAsync();
        return new QueueRowBlocker(connection, database);
    }

    /// <summary>Waits until another session of the test user is waiting for a lock in this database.</summary>
    public async Task WaitForWaiterAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var waiting = await _database.QueryAsync<long>($"""
                SELECT COUNT(*) FROM information_schema.PROCESSLIST
                WHERE DB = '{_database.Name}' AND COMMAND = 'Query' AND ID <> {_connection.ServerThread}
                  AND INFO LIKE 'INSERT INTO stream_queues%'
                """);
            if (waiting[0] > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No group commit started waiting for the blocked queue row.");
    }

    public async Task ReleaseAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
