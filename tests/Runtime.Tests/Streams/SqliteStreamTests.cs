using Shop.TestKit;

namespace Shop.Runtime.Tests.Streams;

public sealed class SqliteStreamFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = TempDirectory.Create("streams-sqlite");

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(s => StreamTestSilo.Configure(s), Path.Combine(DataDirectory, "shared"));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        TempDirectory.Delete(DataDirectory);
    }
}

public sealed class SqliteStreamTests(SqliteStreamFixture fixture) : StreamConformanceTests, IClassFixture<SqliteStreamFixture>
{
    // Restart tests get a database of their own, reused by every silo started within the test.
    private readonly string _ownDirectory = Path.Combine(fixture.DataDirectory, Guid.NewGuid().ToString("N"));

    protected override TestCluster Shared => fixture.Cluster;

    protected override Task<TestCluster> StartClusterAsync() => TestCluster.StartAsync(s => StreamTestSilo.Configure(s), _ownDirectory);
}
