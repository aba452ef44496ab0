using Microsoft.Data.Sqlite;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Sqlite;
using Shop.TestKit;

namespace Shop.ReadModels.Tests;

/// <summary>The conformance suite on the embedded default: a real catalog.db file in a directory of each test's own.</summary>
public sealed class SqliteCatalogReadModelTests : CatalogReadModelConformance
{
    private string _directory = "";

    protected override Task CreateStoreAsync()
    {
        _directory = TempDirectory.Create("catalog");
        return Task.CompletedTask;
    }

    // A new file is empty.
    protected override Task ClearStoreAsync() => Task.CompletedTask;

    protected override Task DeleteStoreAsync()
    {
        TempDirectory.Delete(_directory);
        return Task.CompletedTask;
    }

    protected override async Task<ICatalogReadModel> CreateModelAsync()
    {
        var model = new SqliteCatalogReadModel(new SqliteCatalogReadModelOptions { DataDirectory = _directory });
        await model.InitializeAsync();
        return model;
    }

    protected override long CommittedBatches(ICatalogReadModel model) => ((SqliteCatalogReadModel)model).CommittedBatches;

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync(long productId)
    {
        // SQLite has one writer per file: a transaction holding the write lock stops every commit, whatever its products.
        var connection = new SqliteConnection(ConnectionString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    protected override async Task<IReadOnlyList<string>> CatalogTablesAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'catalog%' ORDER BY name;";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private string ConnectionString() => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_directory, "catalog.db"),
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
    }.ToString();
}
