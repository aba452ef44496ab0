using System.Globalization;
using MySqlConnector;
using Shop.Grains.ReadModels;
using Shop.ReadModels.MySql;

namespace Shop.Bench;

/// <summary>
/// The search benchmark's catalog in a MariaDB database of its own, <c>&lt;database&gt;_bench_search</c> next to the
/// benchmarks' database (<c>shop_test_bench_search</c> by default, which the test account may create), kept between
/// runs because filling a million products takes minutes.
/// </summary>
internal sealed class MySqlSearchBenchStore : SearchBenchStore
{
    private readonly string _connectionString;
    private readonly string _serverConnectionString;
    private readonly string _database;

    public MySqlSearchBenchStore(string benchConnectionString)
    {
        var settings = new MySqlConnectionStringBuilder(benchConnectionString);
        _serverConnectionString = settings.ConnectionString;
        _database = settings.Database + "_bench_search";
        settings.Database = _database;
        _connectionString = settings.ConnectionString;
    }

    public override async Task<string> DescribeAsync()
    {
        await using var connection = await OpenServerAsync();
        await using var command = new MySqlCommand(
            "SELECT CONCAT(VERSION(), ', innodb_buffer_pool_size ', @@innodb_buffer_pool_size DIV 1048576, ' MiB, innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)",
            connection);
        return $"MariaDB {await command.ExecuteScalarAsync()}, database {_database}, Groonga query cache off";
    }

    public override async Task ResetAsync()
    {
        await using var connection = await OpenServerAsync();
        foreach (var table in new[] { "catalog_search", "catalog_product_categories", "catalog_products", "catalog_schema_versions" })
        {
            await using var drop = new MySqlCommand($"DROP TABLE IF EXISTS `{_database}`.`{table}`", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public override async Task<ICatalogReadModel> OpenAsync()
    {
        // Measure the engine, not Groonga's cache of identical selects (the baseline has no cache either).
        var model = new MySqlCatalogReadModel(new MySqlCatalogReadModelOptions { ConnectionString = _connectionString, UseQueryCache = false });
        await model.InitializeAsync();
        return model;
    }

    public override long CommittedBatches(ICatalogReadModel model) => ((MySqlCatalogReadModel)model).CommittedBatches;

    public override async Task<long> LikeAsync(string term)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            """
            SELECT COUNT(*) FROM catalog_products WHERE deleted = 0 AND title LIKE @pattern;
            SELECT product_id, title, brand, primary_category_id, min_price_units, currency, main_image_url
            FROM catalog_products WHERE deleted = 0 AND title LIKE @pattern ORDER BY product_id DESC LIMIT 20
            """,
            connection);
        command.Parameters.AddWithValue("@pattern", "%" + term + "%");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt64(0);
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
        }

        return count;
    }

    protected override async Task<(long Listed, long MaxId)> CountListedAsync()
    {
        await using var connection = await OpenServerAsync();
        await using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{_database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await create.ExecuteNonQueryAsync();
        await using var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME IN ('catalog_products', 'catalog_search')", connection);
        exists.Parameters.AddWithValue("@db", _database);
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(), CultureInfo.InvariantCulture) != 2)
        {
            return (0, 0);
        }

        await using var count = new MySqlCommand($"SELECT COUNT(*), COALESCE(MAX(product_id), 0) FROM `{_database}`.catalog_products WHERE deleted = 0", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    protected override async Task<string?> TitleAsync(long productId)
    {
        await using var connection = await OpenServerAsync();
        await using var command = new MySqlCommand($"SELECT title FROM `{_database}`.catalog_search WHERE product_id = @id", connection);
        command.Parameters.AddWithValue("@id", productId);
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<MySqlConnection> OpenServerAsync()
    {
        var connection = new MySqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
