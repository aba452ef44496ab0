using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Providers.MySql;

public static class MySqlSiloBuilderExtensions
{
    /// <summary>
    /// Keeps grain state and journals in a MariaDB/MySQL database: registers the shared
    /// <see cref="MySqlStore"/>, a <see cref="MySqlGrainStorage"/> as Orleans' default grain storage
    /// (<see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>, keyed by name like Orleans' own
    /// providers), a <see cref="MySqlJournalStorage"/> as the <see cref="IJournalStorage"/> and a
    /// <see cref="MySqlDeadLetterStore"/> as the <see cref="IDeadLetterStore"/>. The schema
    /// is created or upgraded at the start of the silo. Journaled grains also need <c>AddJournaling()</c>;
    /// reminders and clustering on the same database use Orleans' ADO.NET providers with
    /// <see cref="MySqlInvariant.Name"/>.
    /// </summary>
    public static ISiloBuilder AddMySqlStorage(this ISiloBuilder builder, Action<MySqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<MySqlStorageOptions>().Configure(configure);

        // A second call only adds configuration: one store (and one set of writers) per process.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(MySqlStore)))
        {
            return builder;
        }

        services.AddSingleton(CreateStore);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, MySqlStoreLifecycle>());
        services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, CreateGrainStorage);
        services.AddSingleton<IJournalStorage>(CreateJournalStorage);
        services.AddSingleton<IDeadLetterStore>(provider => new MySqlDeadLetterStore(provider.GetRequiredService<MySqlStore>(), provider.GetService<TimeProvider>()));
        return builder;
    }

    private static MySqlStore CreateStore(IServiceProvider provider) => new(
        provider.GetRequiredService<IOptions<MySqlStorageOptions>>().Value,
        provider.GetService<ILogger<MySqlStore>>(),
        provider.GetService<TimeProvider>());

    private static IGrainStorage CreateGrainStorage(IServiceProvider provider, string name) => new MySqlGrainStorage(
        provider.GetRequiredService<MySqlStore>(),
        provider.GetRequiredService<IOptions<MySqlStorageOptions>>().Value.GrainStorageSerializer,
        provider.GetService<ILogger<MySqlGrainStorage>>());

    private static IJournalStorage CreateJournalStorage(IServiceProvider provider)
        => new MySqlJournalStorage(provider.GetRequiredService<MySqlStore>(), provider.GetService<ILogger<MySqlJournalStorage>>());
}
