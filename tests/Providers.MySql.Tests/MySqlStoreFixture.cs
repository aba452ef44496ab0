using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>One fresh database and one store on it, shared by the tests of a class.</summary>
public sealed class MySqlStoreFixture : IAsyncLifetime
{
    private MySqlTestDatabase? _database;
    private MySqlStore? _store;

    public MySqlTestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public MySqlStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _store = new MySqlStore(_database.Options(writers: 2));
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
