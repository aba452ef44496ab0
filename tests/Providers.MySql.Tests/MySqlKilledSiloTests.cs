using Shop.TestKit;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

public sealed class MySqlKilledSiloTests : KilledSiloConformanceTests, IAsyncLifetime
{
    private MySqlTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<ChildSilo> StartSiloAsync(bool holdDeliveries = false) => ChildSilo.StartMySqlAsync(_database.ConnectionString, holdDeliveries);
}
