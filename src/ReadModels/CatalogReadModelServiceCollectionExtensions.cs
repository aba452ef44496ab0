using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Common;
using Shop.ReadModels.MySql;
using Shop.ReadModels.Sqlite;

namespace Shop.ReadModels;

/// <summary>Registers the catalog read model (<see cref="ICatalogReadModel"/>) of the configured store.</summary>
public static class CatalogReadModelServiceCollectionExtensions
{
    /// <summary>The embedded default: a SQLite file (<c>catalog.db</c>) in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddSqliteCatalogReadModel(this IServiceCollection services, string dataDirectory, Action<SqliteCatalogReadModelOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var options = new SqliteCatalogReadModelOptions { DataDirectory = dataDirectory };
        configure?.Invoke(options);
        return services.AddCatalogReadModel(provider => new SqliteCatalogReadModel(
            options, provider.GetService<ILogger<SqliteCatalogReadModel>>(), provider.GetService<TimeProvider>()));
    }

    /// <summary>A cluster: the <c>catalog_*</c> tables in the MariaDB database of <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddMySqlCatalogReadModel(this IServiceCollection services, string connectionString, Action<MySqlCatalogReadModelOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new MySqlCatalogReadModelOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        return services.AddCatalogReadModel(provider => new MySqlCatalogReadModel(options, provider.GetService<ILogger<MySqlCatalogReadModel>>()));
    }

    private static IServiceCollection AddCatalogReadModel<T>(this IServiceCollection services, Func<IServiceProvider, T> create)
        where T : class, ICatalogReadModel, ICatalogReadModelStartup
    {
        services.AddSingleton(create);
        services.AddSingleton<ICatalogReadModel>(provider => provider.GetRequiredService<T>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CatalogReadModelStartup<T>>());
        return services;
    }

    /// <summary>
    /// Opens the store (creating or upgrading its schema) while the host starts, before the silo takes traffic: a
    /// server without Mroonga, or a newer schema than this build knows, stops the start with a clear error rather
    /// than failing the first search.
    /// </summary>
    private sealed class CatalogReadModelStartup<T>(T readModel) : IHostedLifecycleService
        where T : class, ICatalogReadModelStartup
    {
        public Task StartingAsync(CancellationToken cancellationToken) => readModel.InitializeAsync(cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
