namespace Shop.Providers.MySql;

/// <summary>
/// Opens the store (creating or upgrading the schema) at the very start of the silo's life, before the
/// runtime initializes, so that an unreachable server or a failed upgrade stops the silo from starting
/// instead of failing the first grain that touches storage, and so that Orleans' ADO.NET clustering finds
/// its tables even when the host did not call <see cref="MySqlSchema.EnsureAsync"/> first.
/// </summary>
internal sealed class MySqlStoreLifecycle(MySqlStore store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(MySqlStoreLifecycle), ServiceLifecycleStage.RuntimeInitialize - 1, store.InitializeAsync);
}
