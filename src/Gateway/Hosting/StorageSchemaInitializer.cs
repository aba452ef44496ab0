using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Providers.MySql;

namespace Shop.Gateway.Hosting;

/// <summary>
/// Creates or upgrades the MariaDB schema (our tables and Orleans' membership and reminder tables with their
/// queries) before Orleans starts. It runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host
/// awaits for every service before any <see cref="IHostedService.StartAsync"/>: Orleans' silo and client are plain
/// hosted services, so they find the tables in place whatever order or concurrency the host starts them in.
/// </summary>
internal sealed class StorageSchemaInitializer(string connectionString, ILogger<StorageSchemaInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        GatewayLog.SchemaEnsuring(logger);
        await MySqlSchema.EnsureAsync(connectionString, cancellationToken);
        GatewayLog.SchemaEnsured(logger);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StorageSchemaServiceCollectionExtensions
{
    /// <summary>With <see cref="StorageProvider.MySql"/>, ensures the database schema at start, before Orleans starts.</summary>
    public static IServiceCollection AddStorageSchemaInitializer(this IServiceCollection services, StorageSettings storage)
    {
        if (storage.Provider == StorageProvider.MySql)
        {
            var connectionString = storage.RequireConnectionString();
            services.AddHostedService(sp => new StorageSchemaInitializer(connectionString, sp.GetRequiredService<ILogger<StorageSchemaInitializer>>()));
        }

        return services;
    }
}
