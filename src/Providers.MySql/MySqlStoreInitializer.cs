using Microsoft.Extensions.Hosting;

namespace Shop.Providers.MySql;

/// <summary>
/// Opens the store when the host starts, so that an unreachable server or a failed schema upgrade stops
/// the silo at start-up instead of failing the first grain that touches storage.
/// </summary>
internal sealed class MySqlStoreInitializer(MySqlStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
