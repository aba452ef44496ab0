using MySqlConnector;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// Holds the lock on one <c>grain_state</c> row from a connection of its own, so that a group commit that
/// writes that row stops there, until <see cref="ReleaseAsync"/>. Meanwhile further writes queue up behind
/// it and, with one writer connection, are guaranteed to form the next batch together.
/// </summary>
public sealed class RowLockBlocker : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly MySqlTestDatabase _database;

    private RowLockBlocker(MySqlConnection connection, MySqlTestDatabase database)
    {
        _connection = connection;
        _database = database;
    }

    /// <summary>Locks the state row (which must exist) of <paramref name="grainType"/>/<paramref name="grainKey"/>/<paramref name="stateName"/>.</summary>
    public static async Task<RowLockBlocker> HoldAsync(MySqlTestDatabase database, string grainType, string grainKey, string stateName)
    {
        var settings = new MySqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            START TRANSACTION;
            SELECT version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name FOR UPDATE;
            """;
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", grainKey);
        command.Parameters.AddWithValue("@name", stateName);
        var version = await command.ExecuteScalarAsync();
        if (version is null)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException("The row to lock does not exist.");
        }

        return new RowLockBlocker(connection, database);
    }

    /// <summary>Waits until a group commit of the store waits for the locked row; returns that session's id.</summary>
    /// <param name="except">A session to disregard (one the test killed, which may still be listed for a moment).</param>
    public async Task<long> WaitForWriterAsync(long except = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var waiting = await _database.QueryAsync<long>($"""
                SELECT ID FROM information_schema.PROCESSLIST
                WHERE DB = '{_database.Name}' AND COMMAND = 'Query' AND ID <> {_connection.ServerThread} AND ID <> CONNECTION_ID() AND ID <> {except}
                  AND INFO LIKE 'UPDATE grain_state%'
                """);
            if (waiting.Count > 0)
            {
                return waiting[0];
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No group commit started waiting for the locked row.");
    }

    public async Task ReleaseAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
