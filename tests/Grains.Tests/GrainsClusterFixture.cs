using Orleans.TestingHost;
using Shop.Grains.Tests.Hosting;
using Shop.Journaling;
using Shop.TestKit;

namespace Shop.Grains.Tests;

/// <summary>
/// One Orleans test cluster (one in-process silo) with the commerce grains on a real SQLite file in a
/// temporary directory, shared by the test classes of <see cref="InventoryOnSqlite"/>. Snapshots are taken
/// every 10 ledger lines, so that reactivations read a snapshot and a tail.
/// </summary>
public sealed class GrainsClusterFixture : IAsyncLifetime
{
    private readonly string _directory = TempDirectory.Create("grains-sqlite");

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The journal store of the silo, for looking at the ledger or writing behind a grain's back.</summary>
    public IJournalStorage Journals => Cluster.Journals();

    public async Task InitializeAsync() =>
        Cluster = await ShopCluster.StartAsync(new ShopClusterSettings { Store = InventoryStore.Sqlite, Location = _directory, MinEntriesBetweenSnapshots = 10 });

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAsync();
        }

        TempDirectory.Delete(_directory);
    }
}

/// <summary>The tests that share one SQLite-backed cluster; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class InventoryOnSqlite : ICollectionFixture<GrainsClusterFixture>
{
    public const string Name = "Inventory on SQLite";
}
