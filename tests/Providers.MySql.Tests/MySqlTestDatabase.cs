using System.Globalization;
using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql.Tests;

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

    public MySqlStorageOptions Options(int maxBatchSize = 256, int writers = 1) => new()
    {
        ConnectionString = ConnectionString,
        MaxBatchSize = maxBatchSize,
        WriterConnections = writers,
    };

    /// <summary>Runs a query in this database and returns its first column.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new MySqlConnection(Unpooled(ConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Without it MySql.Data cannot read utf8mb3 results (information_schema) or warnings.
        command.CommandText = "SET character_set_results = utf8mb4;\n" + sql;
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
        await using var connection = new MySqlConnection(Unpooled(ConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Without it MySql.Data cannot read utf8mb3 results (information_schema) or warnings.
        command.CommandText = "SET character_set_results = utf8mb4;\n" + sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`");

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // The base database (shop_test) is only where the connection lands; the statement names its own.
        await using var connection = new MySqlConnection(Unpooled(BaseConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Without it MySql.Data cannot read utf8mb3 results (information_schema) or warnings.
        command.CommandText = "SET character_set_results = utf8mb4;\n" + sql;
        await command.ExecuteNonQueryAsync();
    }

    // Test helpers open few connections; unpooled, none of them can outlive the database it points at.
    private static string Unpooled(string connectionString)
        => new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

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
