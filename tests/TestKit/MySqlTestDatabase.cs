using System.Globalization;
using MySqlConnector;
using Shop.Providers.MySql;

namespace Shop.TestKit;

/// <summary>
/// A fresh, empty database <c>shop_test_&lt;random&gt;</c> on the server named by <c>SHOP_TEST_MYSQL</c>,
/// dropped again on dispose. Creating it throws when the server cannot be reached: these tests fail
/// rather than skip without MariaDB, so a CI machine that lost its server cannot pass by accident.
/// </summary>
public sealed class MySqlTestDatabase : IAsyncDisposable
{
    /// <summary>The connection string used when <c>SHOP_TEST_MYSQL</c> is not set (the user scripts/test.sh creates).</summary>
    public const string DefaultConnectionString =
        "Server=127.0.0.1;Port=3306;User ID=shop_test;Password=shop_test;Database=shop_test;SslMode=None";

    private MySqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The base connection string with <c>Database</c> set to this database.</summary>
    public string ConnectionString { get; }

    public static string BaseConnectionString
        => Environment.GetEnvironmentVariable("SHOP_TEST_MYSQL") is { Length: > 0 } value ? value : DefaultConnectionString;

    public static async Task<MySqlTestDatabase> CreateAsync()
    {
        var name = "shop_test_" + Guid.NewGuid().ToString("N")[..16];
        var settings = new MySqlConnectionStringBuilder(BaseConnectionString) { Database = name };
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (MySqlException exception)
        {
            throw new InvalidOperationException(
                $"Cannot create a test database on the MySQL/MariaDB server of SHOP_TEST_MYSQL ('{Redacted(BaseConnectionString)}'). " +
                "Start it with scripts/test.sh --setup-only.",
                exception);
        }

        return new MySqlTestDatabase(name, settings.ConnectionString);
    }

    /// <summary>Creates a test database with the schema of the MySQL provider already in place (<see cref="MySqlSchema.EnsureAsync"/>).</summary>
    public static async Task<MySqlTestDatabase> CreateWithSchemaAsync()
    {
        var database = await CreateAsync();
        await MySqlSchema.EnsureAsync(database.ConnectionString);
        return database;
    }

    public MySqlStorageOptions Options(int maxBatchSize = 256, int writers = 1) => new()
    {
        ConnectionString = ConnectionString,
        MaxBatchSize = maxBatchSize,
        WriterConnections = writers,
    };

    /// <summary>Runs a query in this database and returns its first column.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add((T)Convert.ChangeType(reader.GetValue(0), typeof(T), CultureInfo.InvariantCulture));
        }

        return values;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Kills every server session connected to this database except the caller's own (as a server restart or a
    /// proxy cutting idle connections would); returns how many it killed. A user may kill its own sessions.
    /// </summary>
    public async Task<int> KillConnectionsAsync()
    {
        var settings = new MySqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = @db AND ID <> CONNECTION_ID()";
            list.Parameters.AddWithValue("@db", Name);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        foreach (var id in ids)
        {
            await using var kill = connection.CreateCommand();
            kill.CommandText = "KILL CONNECTION " + id.ToString(CultureInfo.InvariantCulture);
            try
            {
                await kill.ExecuteNonQueryAsync();
            }
            catch (MySqlException)
            {
                // The session ended by itself in the meantime.
            }
        }

        return ids.Count;
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // The base database (shop_test) is only where the connection lands; the statement names its own.
        var settings = new MySqlConnectionStringBuilder(BaseConnectionString) { Pooling = false };
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Redacted(string connectionString)
    {
        var settings = new MySqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(settings.Password))
        {
            settings.Password = "***";
        }

        return settings.ConnectionString;
    }
}
