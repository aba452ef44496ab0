namespace Shop.Providers.Sqlite;

/// <summary>
/// Opens the store early in the silo's start, so that a file that cannot be opened or a schema newer than
/// this build stops the silo from starting instead of failing the first grain that touches storage.
/// </summary>
internal sealed class SqliteStoreLifecycle(SqliteStore store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(SqliteStoreLifecycle), ServiceLifecycleStage.RuntimeInitialize, store.InitializeAsync);
}
