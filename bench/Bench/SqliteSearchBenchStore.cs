using Microsoft.Data.Sqlite;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Sqlite;

namespace Shop.Bench;

/// <summary>
/// The search benchmark's catalog in the embedded default's file (<c>catalog.db</c>) under
/// <c>&lt;temp&gt;/shop-bench-search</c>, kept between runs.
/// </summary>
internal sealed class SqliteSearchBenchStore : SearchBenchStore
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shop-bench-search");

    private string FilePath => Path.Combine(_directory, "catalog.db");

    public override Task<string> DescribeAsync() =>
        Task.FromResult($"SQLite {SqliteVersion()} (FTS5 trigram), file {FilePath}, synchronous=FULL, WAL");

    public override Task ResetAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(_directory);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }

        return Task.CompletedTask;
    }

    public override async Task<ICatalogReadModel> OpenAsync()
    {
        var model = new SqliteCatalogReadModel(new SqliteCatalogReadModelOptions { DataDirectory = _directory });
        await model.InitializeAsync();
        return model;
    }

    public override long CommittedBatches(ICatalogReadModel model) => ((SqliteCatalogReadModel)model).CommittedBatches;

    public override async Task<long> LikeAsync(string term)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$pattern", "%" + term + "%");
        command.CommandText = "SELECT COUNT(*) FROM catalog_products WHERE deleted = 0 AND title LIKE $pattern;";
        var count = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = """
            SELECT product_id, title, brand, primary_category_id, min_price_units, currency, main_image_url
            FROM catalog_products WHERE deleted = 0 AND title LIKE $pattern ORDER BY product_id DESC LIMIT 20;
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }

        return count;
    }

    protected override async Task<(long Listed, long MaxId)> CountListedAsync()
    {
        if (!File.Exists(FilePath))
        {
            return (0, 0);
        }

        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'catalog_products';";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            return (0, 0);
        }

        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(product_id), 0) FROM catalog_products WHERE deleted = 0;";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    protected override async Task<string?> TitleAsync(long productId)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM catalog_products WHERE product_id = $id;";
        command.Parameters.AddWithValue("$id", productId);
        return await command.ExecuteScalarAsync() as string;
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        return connection;
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return (string)command.ExecuteScalar()!;
    }
}
