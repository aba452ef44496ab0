using Shop.Runtime.Hosting;
using Shop.TestKit;

namespace Shop.Runtime.Tests;

/// <summary>One silo on a real SQLite file, shared by the runtime tests (each test uses its own grain keys).</summary>
public sealed class RuntimeClusterFixture : IAsyncLifetime
{
    /// <summary>Short enough for the deadlock test, long enough for a loaded CI machine.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() =>
        Cluster = await TestCluster.StartAsync(silo => silo
            .AddGrains(typeof(RuntimeClusterFixture).Assembly)
            .Configure(o =>
            {
                o.ResponseTimeout = ResponseTimeout;
                o.CollectionQuantum = TimeSpan.FromMilliseconds(200);
            }));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RuntimeCluster : ICollectionFixture<RuntimeClusterFixture>
{
    public const string Name = "runtime cluster";
}
