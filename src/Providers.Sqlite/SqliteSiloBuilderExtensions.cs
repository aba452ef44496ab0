using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Providers.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Keeps grain state and journals in one SQLite file (<see cref="SqliteStorageOptions.DatabasePath"/>):
    /// registers the shared <see cref="SqliteStore"/>, a <see cref="SqliteGrainStorage"/> as Orleans' default
    /// grain storage (<see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>) and a
    /// <see cref="SqliteJournalStorage"/> as the <see cref="IJournalStorage"/> and a <see cref="SqliteDeadLetterStore"/>
    /// as the <see cref="IDeadLetterStore"/>. Journaled grains also need
    /// <c>AddJournaling()</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteStorage(this ISiloBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>().Configure(configure);
        AddStore(services);

        // A second call only adds configuration: one file must never get two writers in one process.
        if (!services.Any(d => d.ServiceType == typeof(StorageRegistered)))
        {
            services.AddSingleton<StorageRegistered>();
            services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, CreateGrainStorage);
            services.AddSingleton<IJournalStorage>(CreateJournalStorage);
            services.AddSingleton<IDeadLetterStore>(provider => new SqliteDeadLetterStore(provider.GetRequiredService<SqliteStore>(), provider.GetService<TimeProvider>()));
        }

        return builder;
    }

    /// <summary>
    /// Keeps Orleans reminders in the same SQLite file (<see cref="SqliteReminderTable"/>) and adds Orleans'
    /// reminder service. Uses the options given to <see cref="AddSqliteStorage"/>, or the defaults without it.
    /// </summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        AddStore(builder.Services);
        builder.Services.AddSingleton<IReminderTable>(CreateReminderTable);
        return builder;
    }

    /// <summary>Marks that <see cref="AddSqliteStorage"/> has registered its services.</summary>
    private sealed class StorageRegistered;

    private static void AddStore(IServiceCollection services)
    {
        services.AddOptions<SqliteStorageOptions>();
        services.TryAddSingleton(CreateStore);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SqliteStoreLifecycle>());
    }

    private static SqliteStore CreateStore(IServiceProvider provider) => new(
        provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
        provider.GetService<ILogger<SqliteStore>>(),
        provider.GetService<TimeProvider>());

    private static IGrainStorage CreateGrainStorage(IServiceProvider provider, string name) => new SqliteGrainStorage(
        provider.GetRequiredService<SqliteStore>(),
        provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.GrainStorageSerializer,
        provider.GetService<ILogger<SqliteGrainStorage>>());

    private static IJournalStorage CreateJournalStorage(IServiceProvider provider)
        => new SqliteJournalStorage(provider.GetRequiredService<SqliteStore>(), provider.GetService<ILogger<SqliteJournalStorage>>());

    private static IReminderTable CreateReminderTable(IServiceProvider provider) => new SqliteReminderTable(provider.GetRequiredService<SqliteStore>());
}
