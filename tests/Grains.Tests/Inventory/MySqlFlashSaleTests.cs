using Shop.Grains.Tests.Hosting;
using Shop.TestKit;

namespace Shop.Grains.Tests.Inventory;

/// <summary>The flash sale on a fresh MariaDB database.</summary>
public sealed class MySqlFlashSaleTests : FlashSaleTests, IAsyncLifetime
{
    private MySqlTestDatabase _database = null!;
    private ShopClusterSettings? _settings;

    protected override ShopClusterSettings Settings => _settings ??= new ShopClusterSettings { Store = InventoryStore.MySql, Location = _database.ConnectionString };

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
