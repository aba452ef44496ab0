using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Hosting;
using Shop.Runtime.Storage;

namespace Shop.Providers.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Stores grain state, journals, the stream log and reminders in one SQLite file: registers one
    /// <see cref="SqliteStore"/> as <see cref="IGrainStorage"/> (also under the <see cref="StorageNames.Default"/>
    /// key), <see cref="IStreamQueueStorage"/> and <see cref="IReminderTable"/>.
    /// </summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<SqliteStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A second call only adds configuration: one file must never get two writers in one process.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(SqliteStore)))
        {
            return builder;
        }

        services.AddSingleton(provider => new SqliteStore(
            provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            provider.GetService<ILogger<SqliteStore>>(),
            provider.GetService<TimeProvider>()));
        services.AddSingleton<IGrainStorage>(provider => provider.GetRequiredService<SqliteStore>());
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (provider, _) => provider.GetRequiredService<SqliteStore>());
        services.AddSingleton<IStreamQueueStorage>(provider => provider.GetRequiredService<SqliteStore>());
        services.AddSingleton<IReminderTable>(provider => provider.GetRequiredService<SqliteStore>());
        return builder;
    }
}
