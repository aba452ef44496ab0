using Shop.Providers.MySql;
using Shop.Runtime.Hosting;
using Shop.TestKit;

namespace Shop.Grains.Tests.Inventory;

public sealed class MySqlFlashSaleTests : FlashSaleTests, IAsyncLifetime
{
    private MySqlTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<TestCluster> StartClusterAsync() =>
        TestCluster.StartAsync(silo => silo.AddGrains(typeof(GrainsAssembly).Assembly).UseMySqlStorage(o => o.ConnectionString = _database.ConnectionString));
}
