using Shop.TestKit;

namespace Shop.ReadModels.Tests;

/// <summary>A fresh MariaDB database for the tests of one class, dropped after the last of them.</summary>
public sealed class MySqlCatalogDatabase : IAsyncLifetime
{
    private MySqlTestDatabase? _database;

    public MySqlTestDatabase Database => _database ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
