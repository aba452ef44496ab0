using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Shop.Providers.Sqlite.Streams;

public static class SqliteStreamSiloBuilderExtensions
{
    /// <summary>
    /// Adds an Orleans persistent stream provider named <paramref name="name"/> (the system's is
    /// <c>Shop.Streaming.StreamNames.Provider</c>) whose queues are rows of the <c>stream_messages</c> table in the
    /// silo's SQLite file: the <see cref="SqliteStore"/> that <c>AddSqliteStorage</c> registers, or one with the
    /// default <see cref="SqliteStorageOptions"/> without it. An <c>IDeadLetterStore</c> registered in the
    /// container receives the messages that cannot be read. Like every persistent stream provider it needs the
    /// <c>PubSubStore</c> grain storage for explicit subscriptions.
    /// </summary>
    public static ISiloBuilder AddSqliteStreams(this ISiloBuilder builder, string name, Action<SqliteStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        var options = services.AddOptions<SqliteStreamOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The same store AddSqliteStorage registers (whichever call comes first creates it): one writer per file.
        services.AddOptions<SqliteStorageOptions>();
        services.TryAddSingleton(static provider => new SqliteStore(
            provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            provider.GetService<ILogger<SqliteStore>>(),
            provider.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SqliteStoreLifecycle>());

        builder.AddPersistentStreams(name, SqliteQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptionsMonitor<SqliteStreamOptions>>(
                (pulling, monitor) => pulling.GetQueueMsgsTimerPeriod = monitor.Get(name).PollInterval));
        });
        return builder;
    }
}
