using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Hosting;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql;

public static class MySqlSiloBuilderExtensions
{
    /// <summary>
    /// Stores grain state, journals, the stream log and reminders in a MySQL/MariaDB database: registers
    /// one <see cref="MySqlStore"/> as <see cref="IGrainStorage"/> (also under the
    /// <see cref="StorageNames.Default"/> key), <see cref="IStreamQueueStorage"/> and
    /// <see cref="IReminderTable"/>, and creates or upgrades the schema when the host starts.
    /// </summary>
    public static ISiloBuilder UseMySqlStorage(this ISiloBuilder builder, Action<MySqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<MySqlStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A second call only adds configuration: one store (and one set of writers) per process.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(MySqlStore)))
        {
            return builder;
        }

        services.AddSingleton(provider => new MySqlStore(
            provider.GetRequiredService<IOptions<MySqlStorageOptions>>().Value,
            provider.GetService<ILogger<MySqlStore>>(),
            provider.GetService<TimeProvider>()));
        services.AddSingleton<IGrainStorage>(provider => provider.GetRequiredService<MySqlStore>());
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (provider, _) => provider.GetRequiredService<MySqlStore>());
        services.AddSingleton<IStreamQueueStorage>(provider => provider.GetRequiredService<MySqlStore>());
        services.AddSingleton<IReminderTable>(provider => provider.GetRequiredService<MySqlStore>());
        services.AddHostedService<MySqlStoreInitializer>();
        return builder;
    }
}
