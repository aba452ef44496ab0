using Shop.TestKit;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

/// <summary>Durability across SIGKILL (TestKit) of a real silo on <c>AddMySqlStorage</c>, one fresh database per test.</summary>
public sealed class MySqlKilledSiloTests : KilledSiloConformanceTests, IAsyncLifetime
{
    private MySqlTestDatabase? _database;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override Task<ChildSilo> StartSiloAsync() => ChildSilo.StartMySqlAsync(_database!.ConnectionString);
}
