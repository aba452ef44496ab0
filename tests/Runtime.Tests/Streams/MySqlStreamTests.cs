using Shop.Providers.MySql;
using Shop.TestKit;

namespace Shop.Runtime.Tests.Streams;

public sealed class MySqlStreamFixture : IAsyncLifetime
{
    public MySqlTestDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await MySqlTestDatabase.CreateAsync();
        Cluster = await TestCluster.StartAsync(s => StreamTestSilo.Configure(s).UseMySqlStorage(o => o.ConnectionString = Database.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class MySqlStreamTests(MySqlStreamFixture fixture) : StreamConformanceTests, IClassFixture<MySqlStreamFixture>, IAsyncLifetime
{
    // Restart tests get a database of their own, reused by every silo started within the test.
    private MySqlTestDatabase? _own;

    protected override TestCluster Shared => fixture.Cluster;

    protected override async Task<TestCluster> StartClusterAsync()
    {
        _own ??= await MySqlTestDatabase.CreateAsync();
        return await TestCluster.StartAsync(s => StreamTestSilo.Configure(s).UseMySqlStorage(o => o.ConnectionString = _own.ConnectionString));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}
