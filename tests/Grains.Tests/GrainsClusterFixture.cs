using Shop.Grains;
using Shop.Runtime.Hosting;
using Shop.TestKit;

namespace Shop.Grains.Tests;

/// <summary>A silo with the commerce grains on a real SQLite file, shared by a test class.</summary>
public sealed class GrainsClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(silo => silo.AddGrains(typeof(GrainsAssembly).Assembly));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
