using MySqlConnector;
using Shop.Grains.ReadModels;
using Shop.ReadModels.MySql;
using Shop.TestKit;

namespace Shop.ReadModels.Tests;

/// <summary>
/// The conformance suite on MariaDB with Mroonga (the server of SHOP_TEST_MYSQL): one fresh database for the class,
/// whose catalog tables are emptied before each test (xunit runs the tests of a class one at a time).
/// </summary>
public sealed class MySqlCatalogReadModelTests(MySqlCatalogDatabase fixture) : CatalogReadModelConformance, IClassFixture<MySqlCatalogDatabase>
{
    private MySqlTestDatabase Database => fixture.Database;

    protected override Task CreateStoreAsync() => Task.CompletedTask;

    protected override async Task ClearStoreAsync()
    {
        await Database.ExecuteAsync("DELETE FROM catalog_search");
        await Database.ExecuteAsync("DELETE FROM catalog_product_categories");
        await Database.ExecuteAsync("DELETE FROM catalog_products");
    }

    // The database goes with the fixture.
    protected override Task DeleteStoreAsync() => Task.CompletedTask;

    protected override async Task<ICatalogReadModel> CreateModelAsync()
    {
        var model = new MySqlCatalogReadModel(new MySqlCatalogReadModelOptions { ConnectionString = Database.ConnectionString });
        await model.InitializeAsync();
        return model;
    }

    protected override long CommittedBatches(ICatalogReadModel model) => ((MySqlCatalogReadModel)model).CommittedBatches;

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync(long productId)
    {
        // The writer's first statement locks every product of its batch; holding one product's row stops it there.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "START TRANSACTION; SELECT version FROM catalog_products WHERE product_id = @id FOR UPDATE;";
        command.Parameters.AddWithValue("@id", productId);
        if (await command.ExecuteScalarAsync() is null)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"Product {productId} has no row to lock.");
        }

        return connection;
    }

    protected override async Task<IReadOnlyList<string>> CatalogTablesAsync()
        => await Database.QueryAsync<string>(
            $"SELECT CONCAT(TABLE_NAME, ' ', ENGINE) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database.Name}' AND TABLE_NAME LIKE 'catalog%' ORDER BY TABLE_NAME");
}
